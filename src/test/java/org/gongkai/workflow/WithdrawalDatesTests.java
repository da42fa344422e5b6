package org.gongkai.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A withdrawal's effective date is not before the document's 成文日期, and not before its first publication unless the reason is
 * recorded; a refused form comes back with the message next to the date field and everything typed still in it.
 */
class WithdrawalDatesTests extends AbstractIntegrationTest {

    @Test
    void anEffectiveDateBeforeTheWrittenDateIsRefusedNextToTheField() throws Exception {
        // written 11-28, published 11-29 (the case found on 2026-11-29)
        testClock.fix(LocalDate.of(2026, 11, 29));
        String title = "废止日期测试通知" + UUID.randomUUID().toString().substring(0, 6);
        long id = publishedDocument(title, "2026-11-28");

        String page = withdraw(id, "2026-11-01", "被新文件替代", "");
        assertThat(state(id)).isEqualTo("PUBLISHED");
        assertThat(page).contains("生效日期不能早于本文件的成文日期", "id=\"effectiveOn-error\"", "aria-invalid=\"true\"")
                .contains("value=\"2026-11-01\"", ">被新文件替代</textarea>", "value=\"REPEALED\" id=\"validity-REPEALED\" checked=\"checked\"");
        // the message stands next to the date field: between its label and its input
        int label = page.indexOf("for=\"effectiveOn\"");
        assertThat(page.indexOf("生效日期不能早于本文件的成文日期")).isBetween(label, page.indexOf("id=\"effectiveOn\"", label));

        // after 成文日期 but before the first publication: only with a recorded reason
        page = withdraw(id, "2026-11-28", "被新文件替代", "");
        assertThat(state(id)).isEqualTo("PUBLISHED");
        assertThat(page).contains("生效日期早于本文件的首次发布日期，请在“说明”中写明原因", "value=\"2026-11-28\"");
        withdraw(id, "2026-11-28", "被新文件替代", "上级文件自11月28日起施行，本文件同日废止");
        assertThat(state(id)).isEqualTo("WITHDRAWN");
        assertThat(jdbc.queryForObject("select summary from audit_event where action = 'edition.withdrawn' and object_id = ?",
                String.class, String.valueOf(id))).contains("2026-11-28", "早于首次发布日期", "上级文件自11月28日起施行");
    }

    @Test
    void anEffectiveDateOnOrAfterPublicationNeedsNoExplanation() throws Exception {
        testClock.fix(LocalDate.of(2026, 11, 29));
        long id = publishedDocument("失效日期测试通知" + UUID.randomUUID().toString().substring(0, 6), "2026-11-28");
        withdraw(id, "2026-11-29", "已到期", "");
        assertThat(state(id)).isEqualTo("WITHDRAWN");
    }

    private long publishedDocument(String title, String writtenOn) throws Exception {
        long node = jdbc.queryForObject("select id from catalogue_node where code = 'yjgl'", Long.class);
        mvc.perform(post("/admin/documents/new").with(csrf()).with(as("clerk"))
                .param("title", title).param("catalogueNodeId", "" + node).param("documentNumber", "示卫规字〔2026〕19号")
                .param("writtenOn", writtenOn).param("topic", "卫生健康").param("genre", "规范性文件")
                .param("disclosureAttribute", "主动公开").param("bodyHtml", "<p>正文。</p>").param("version", "0"));
        long id = jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
        mvc.perform(post("/admin/documents/{id}/force-publish", id).with(csrf()).with(as("approver")).param("reason", "测试发布"));
        assertThat(state(id)).isEqualTo("PUBLISHED");
        return id;
    }

    private String withdraw(long id, String effectiveOn, String reason, String backdateReason) throws Exception {
        return mvc.perform(post("/admin/documents/{id}/withdraw", id).with(csrf()).with(as("reviewer")).param("validity", "REPEALED")
                .param("effectiveOn", effectiveOn).param("reason", reason).param("backdateReason", backdateReason))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String state(long id) {
        return jdbc.queryForObject("select state from edition where id = ?", String.class, id);
    }
}
