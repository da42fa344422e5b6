package org.gongkai.content;

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

/** A policy and its interpretation (政策解读): linked by 索引号 or address on the form, shown both ways on the public pages. */
class RelatedDocumentsIntegrationTests extends AbstractIntegrationTest {

    long node = 0;

    MockHttpServletRequestBuilder newDraft(String title) {
        if (node == 0) {
            node = jdbc.queryForObject("select id from catalogue_node where code = 'ggws-yfjz'", Long.class);
        }
        return post("/admin/documents/new").with(csrf()).with(as("clerk")).param("title", title)
                .param("catalogueNodeId", "" + node).param("bodyHtml", "<p>正文</p>");
    }

    long editionOf(String title) {
        return jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
    }

    String publish(long edition) throws Exception {
        mvc.perform(post("/admin/documents/{id}/submit", edition).with(csrf()).with(as("clerk")));
        mvc.perform(post("/admin/review/{id}/pass", edition).with(csrf()).with(as("reviewer")).param("noStateSecrets", "true")
                .param("noWorkSecrets", "true").param("privacyHandled", "true").param("noCommercialSecrets", "true")
                .param("noSecurityRisk", "true").param("attributeCorrect", "true").param("opinion", "同意"));
        assertThat(jdbc.queryForObject("select state from edition where id = ?", String.class, edition)).isEqualTo("PUBLISHED");
        return jdbc.queryForObject("select d.public_id from document d join edition e on e.document_id = d.id where e.id = ?",
                String.class, edition);
    }

    @Test
    void anInterpretationLinkedByIndexNumberShowsOnBothPublicPages() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String policyTitle = "示范市预防接种单位管理办法" + suffix;
        mvc.perform(newDraft(policyTitle));
        String policy = publish(editionOf(policyTitle));
        String indexNumber = jdbc.queryForObject("select index_number from public_document where document_id = ?", String.class, policy);

        String readingTitle = "《" + policyTitle + "》政策解读";
        mvc.perform(newDraft(readingTitle).param("relatedRelation", "INTERPRETS").param("relatedReference", indexNumber)
                .param("relatedRelation", "SEE_ALSO").param("relatedReference", ""));
        long reading = editionOf(readingTitle);
        assertThat(jdbc.queryForList("select relation from edition_relation where edition_id = ?", String.class, reading))
                .containsExactly("INTERPRETS");
        mvc.perform(get("/admin/documents/{id}", reading).with(as("clerk")))
                .andExpect(content().string(Matchers.containsString(policyTitle)));
        String readingId = publish(reading);

        mvc.perform(get("/items/{id}", readingId)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("政策原文"), Matchers.containsString("/items/" + policy))));
        mvc.perform(get("/items/{id}", policy)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("政策解读"), Matchers.containsString("/items/" + readingId),
                        Matchers.containsString(readingTitle))));
    }

    @Test
    void anUnknownOrUnpublishedReferenceIsRefusedNextToTheFieldAndNothingIsSaved() throws Exception {
        String draftTitle = "未发布的草稿" + UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(newDraft(draftTitle));
        String draftId = jdbc.queryForObject("select d.public_id from document d join edition e on e.document_id = d.id where e.title = ?",
                String.class, draftTitle);
        for (String reference : new String[] {"不存在的索引号-2026-00001", "/items/" + draftId}) {
            String title = "引用错误" + UUID.randomUUID().toString().substring(0, 6);
            mvc.perform(newDraft(title).param("relatedRelation", "INTERPRETS").param("relatedReference", reference))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.allOf(Matchers.containsString("找不到这份已发布的文件"),
                            Matchers.containsString("href=\"#relatedReference\""), Matchers.containsString(reference))));
            assertThat(jdbc.queryForObject("select count(*) from edition where title = ?", Integer.class, title)).isZero();
        }
    }

    @Test
    void aNewEditionKeepsItsLinks() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String oldTitle = "旧版接种点名单" + suffix;
        mvc.perform(newDraft(oldTitle));
        String old = publish(editionOf(oldTitle));
        String newTitle = "新版接种点名单" + suffix;
        mvc.perform(newDraft(newTitle).param("relatedRelation", "REPLACES").param("relatedReference", "http://localhost/items/" + old));
        long first = editionOf(newTitle);
        String replacement = publish(first);
        long documentId = jdbc.queryForObject("select id from document where public_id = ?", Long.class, replacement);
        mvc.perform(post("/admin/documents/{id}/new-edition", first).with(csrf()).with(as("clerk")));
        assertThat(jdbc.queryForObject("""
                select count(*) from edition_relation r join edition e on e.id = r.edition_id
                where e.document_id = ? and e.number = 2 and r.relation = 'REPLACES'""", Integer.class, documentId)).isEqualTo(1);
        mvc.perform(get("/items/{id}", old)).andExpect(content().string(Matchers.allOf(Matchers.containsString("已被替代为"),
                Matchers.containsString(newTitle))));
    }

    @Test
    void aRepealedDocumentsBannerLinksToTheDocumentThatReplacesIt() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String oldTitle = "旧版校验细则" + suffix;
        mvc.perform(newDraft(oldTitle));
        long oldEdition = editionOf(oldTitle);
        String old = publish(oldEdition);
        String newTitle = "新版校验办法" + suffix;
        mvc.perform(newDraft(newTitle).param("relatedRelation", "REPLACES").param("relatedReference", "/items/" + old));
        String replacement = publish(editionOf(newTitle));
        mvc.perform(post("/admin/documents/{id}/withdraw", oldEdition).with(csrf()).with(as("reviewer")).param("validity", "REPEALED")
                .param("effectiveOn", java.time.LocalDate.now(testClock).toString()).param("reason", "已被新版办法替代。"));
        assertThat(jdbc.queryForObject("select status from public_document where document_id = ?", String.class, old))
                .isEqualTo("WITHDRAWN");

        String page = mvc.perform(get("/items/{id}", old)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        String banner = page.substring(page.indexOf("class=\"banner withdrawn\""), page.indexOf("</div>", page.indexOf("class=\"banner withdrawn\"")));
        assertThat(banner).contains("本文件已废止", "替代文件：", "href=\"/items/" + replacement + "\"", newTitle);
        // the replacing document's own page has no banner
        assertThat(mvc.perform(get("/items/{id}", replacement)).andReturn().getResponse().getContentAsString())
                .doesNotContain("banner withdrawn");
    }

    @Test
    void theDemosRepealedRuleLinksItsReplacement() throws Exception {
        String repealed = jdbc.queryForObject("""
                select d.document_id from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                where d.status = 'WITHDRAWN' and s.title = '示范市医疗机构校验管理实施细则（试行）'""", String.class);
        String replacement = jdbc.queryForObject("""
                select d.document_id from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                where d.status = 'LIVE' and s.title = '示范市医疗机构校验管理办法'""", String.class);
        String page = mvc.perform(get("/items/{id}", repealed)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertThat(page).contains("<span>替代文件：</span><a href=\"/items/" + replacement + "\">示范市医疗机构校验管理办法</a>");
    }
}
