package org.gongkai.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.List;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.TestAccounts;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class NotificationsIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aNoticeShowsInTheInboxWithAnUnreadCountAndOnlyItsRecipientOpensIt() throws Exception {
        String recipient = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        String other = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        long recipientId = TestAccounts.idOf(jdbc, recipient);
        transactions.executeWithoutResult(s -> notifications.notify(List.of(recipientId),
                "有新的信息待保密审查：2026年第一季度生活饮用水水质监测情况", "疾病预防控制科 李明 提交", "/admin/review"));

        mvc.perform(get("/admin/inbox").with(as(recipient)))
                .andExpect(content().string(Matchers.containsString("有新的信息待保密审查")))
                .andExpect(content().string(Matchers.containsString("class=\"count\"")));
        long id = jdbc.queryForObject("select id from notification where recipient_id = ?", Long.class, recipientId);

        mvc.perform(post("/admin/inbox/{id}", id).with(csrf()).with(as(other))).andExpect(redirectedUrl("/admin/inbox"));
        assertThat(notifications.unread(recipientId)).isEqualTo(1);
        mvc.perform(get("/admin/inbox").with(as(other)))
                .andExpect(content().string(Matchers.not(Matchers.containsString("生活饮用水"))));

        mvc.perform(post("/admin/inbox/{id}", id).with(csrf()).with(as(recipient))).andExpect(redirectedUrl("/admin/review"));
        assertThat(notifications.unread(recipientId)).isZero();
    }
}
