package org.gongkai.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** 严重错误 before publication: the editor and the reviewer see the flags; a pass over flags needs a note. */
class TextCheckIntegrationTests extends AbstractIntegrationTest {

    static MockHttpServletRequestBuilder pass(long id) {
        return post("/admin/review/{id}/pass", id).with(csrf()).param("noStateSecrets", "true").param("noWorkSecrets", "true")
                .param("privacyHandled", "true").param("noCommercialSecrets", "true").param("noSecurityRisk", "true")
                .param("attributeCorrect", "true").param("opinion", "同意公开");
    }

    @Test
    void aWronglyWrittenExpressionIsFlaggedAndPassedOnlyWithANote() throws Exception {
        String title = "关于开展社会主义核心价值关宣传教育的通知" + UUID.randomUUID().toString().substring(0, 4);
        long node = jdbc.queryForObject("select id from catalogue_node where code = 'jkcj'", Long.class);
        mvc.perform(post("/admin/documents/new").with(csrf()).with(as("clerk"))
                        .param("title", title).param("catalogueNodeId", "" + node).param("writtenOn", "2026-03-02")
                        .param("topic", "卫生健康").param("genre", "通知").param("disclosureAttribute", "主动公开")
                        .param("bodyHtml", "<p>请各单位做好疫情防空工作，由付局长牵头。</p>").param("version", "0"))
                .andExpect(status().is3xxRedirection());
        long id = jdbc.queryForObject("select id from edition where title = ?", Long.class, title);

        // the editor sees the flags on the edition page
        mvc.perform(get("/admin/documents/{id}", id).with(as("clerk"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("文字检查发现 3 处可能的错误写法")))
                .andExpect(content().string(Matchers.containsString("“社会主义核心价值关”应为“社会主义核心价值观”")))
                .andExpect(content().string(Matchers.containsString("“付局长”应为“副局长”")));
        mvc.perform(post("/admin/documents/{id}/submit", id).with(csrf()).with(as("clerk"))).andExpect(status().is3xxRedirection());

        // the reviewer sees them too, and cannot pass without a note
        mvc.perform(get("/admin/review/{id}", id).with(as("reviewer"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("“疫情防空”应为“疫情防控”")))
                .andExpect(content().string(Matchers.containsString("textCheckNote")));
        mvc.perform(pass(id).with(as("reviewer"))).andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("select state from edition where id = ?", String.class, id)).isEqualTo("SUBMITTED");
        assertThat(jdbc.queryForObject("select count(*) from text_check_acceptance where edition_id = ?", Integer.class, id)).isZero();

        mvc.perform(pass(id).param("textCheckNote", "已与科室核实，按原文发布。").with(as("reviewer"))).andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("select state from edition where id = ?", String.class, id)).isEqualTo("PUBLISHED");
        assertThat(jdbc.queryForObject("select note from text_check_acceptance where edition_id = ?", String.class, id))
                .isEqualTo("已与科室核实，按原文发布。");
    }

    @Test
    void theOfficeKeepsTheListAndABadEntryIsRefusedNextToItsField() throws Exception {
        String wrong = "测试错词" + UUID.randomUUID().toString().substring(0, 4);
        mvc.perform(post("/admin/inspection/terms").with(csrf()).with(as("reviewer")).param("wrong", wrong).param("correct", "")
                        .param("category", "WORD"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("错误：")))
                .andExpect(content().string(Matchers.containsString("请填写与错误写法不同的正确写法")));
        mvc.perform(post("/admin/inspection/terms").with(csrf()).with(as("reviewer")).param("wrong", wrong).param("correct", "测试正词")
                .param("category", "WORD")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/admin/inspection/settings").with(as("reviewer"))).andExpect(content().string(Matchers.containsString(wrong)));
        mvc.perform(post("/admin/inspection/settings").with(csrf()).with(as("sysadmin")).param("staleDaysDynamic", "0"))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("请填写 1 至 3660 之间的整数")));
        assertThat(jdbc.queryForObject("select value from inspection_threshold where key = 'staleDaysDynamic'", Integer.class)).isEqualTo(14);
    }
}
