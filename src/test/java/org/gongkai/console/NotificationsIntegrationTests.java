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

    @Autowired
    org.gongkai.content.ContentManagement content;

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

    @Test
    void aReviewNoticeClosesForEveryReviewerWhenOneOfThemActsAndAnAssignedRequestNoticesTheDepartment() throws Exception {
        String clerk = TestAccounts.create(jdbc, "基层卫生健康科", "CLERK");
        long node = jdbc.queryForObject("select id from catalogue_node where code = 'jkcj'", Long.class);
        String title = "通知关闭测试" + java.util.UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(post("/admin/documents/new").with(csrf()).with(as(clerk)).param("title", title).param("catalogueNodeId", "" + node)
                .param("bodyHtml", "<p>健康科普。</p>"));
        long edition = jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
        mvc.perform(post("/admin/documents/{id}/submit", edition).with(csrf()).with(as(clerk)));
        String link = "/admin/review/" + edition;
        int open = jdbc.queryForObject("select count(*) from notification where link = ? and read_at is null", Integer.class, link);
        assertThat(open).as("every reviewer covering the department is told").isGreaterThanOrEqualTo(1);

        // one reviewer returns it: the others' 待保密审查 notices close; the clerk gets 已退回
        mvc.perform(post("/admin/review/{id}/return", edition).with(csrf()).with(as("reviewer")).param("reason", "请补充发布机构。"));
        assertThat(jdbc.queryForObject("select count(*) from notification where link = ? and read_at is null", Integer.class, link)).isZero();
        long clerkId = TestAccounts.idOf(jdbc, clerk);
        assertThat(jdbc.queryForObject("select count(*) from notification where recipient_id = ? and link = ? and read_at is null",
                Integer.class, clerkId, "/admin/documents/" + edition)).isEqualTo(1);
        // the clerk corrects and resubmits: the 已退回 notice is settled
        var me = identity.principal(clerk).orElseThrow();
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(me, null, me.getAuthorities()));
        try {
            var e = content.view(edition);
            content.editDraft(edition, e.version(), new org.gongkai.content.ContentManagement.DraftInput(e.title(), null, e.writtenOn(),
                    e.summary(), e.keywords(), e.catalogueNodeId(), e.topic(), e.genre(), e.audience(), e.disclosureAttribute(),
                    "<p>健康科普（已补充发布机构）。</p>", null, false, false), me);
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        mvc.perform(post("/admin/documents/{id}/submit", edition).with(csrf()).with(as(clerk)));
        assertThat(jdbc.queryForObject("select state from edition where id = ?", String.class, edition)).isEqualTo("SUBMITTED");
        assertThat(jdbc.queryForObject("select count(*) from notification where recipient_id = ? and link = ? and read_at is null",
                Integer.class, clerkId, "/admin/documents/" + edition)).isZero();
    }
}
