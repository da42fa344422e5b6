package org.gongkai.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.publication.PublicationContent;
import org.gongkai.publication.PublicationFixtures;
import org.gongkai.publication.PublicationWriter;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Item page, attachments, search, feeds and sitemap read only published snapshots. */
class PublicItemPagesIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    PublicationWriter writer;

    @Autowired
    TransactionTemplate transactions;

    private PublicationContent publishWithAttachments(String title, String body) {
        var department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        PublicationContent base = PublicationFixtures.content(department, UUID.randomUUID().toString().substring(0, 12), title,
                body, Instant.parse("2026-03-10T02:00:00Z"));
        byte[] pdf = "%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII);
        byte[] html = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        PublicationContent content = new PublicationContent(base.documentId(), base.editionId(), 1, base.departmentId(),
                base.departmentCreditCode(), base.publishedAt(), false, null, title, "市卫健〔2026〕8号", base.writtenOn(),
                base.summary(), base.keywords(), "ggws-yfjz", "预防接种", base.topic(), "通知", base.audience(),
                base.disclosureAttribute(), base.issuingDepartmentName(), false, "<p>" + body + "</p>", body,
                List.of(new PublicationContent.Attachment("接种点名单.pdf", "application/pdf", sha(pdf), pdf),
                        new PublicationContent.Attachment("page.html", "text/html", sha(html), html)),
                List.of(), "[]");
        transactions.executeWithoutResult(s -> writer.publish(content));
        return content;
    }

    private static String sha(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theItemPageShowsTheMetadataBlockBodyAndAttachments() throws Exception {
        PublicationContent c = publishWithAttachments("关于开展2026年秋季学校预防接种查验工作的通知", "请各接种单位做好查验。");
        String index = jdbc.queryForObject("select index_number from public_document where document_id = ?", String.class, c.documentId());
        mvc.perform(get("/items/{id}", c.documentId()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString(index), Matchers.containsString("索引号"), Matchers.containsString("市卫健〔2026〕8号"),
                        Matchers.containsString("2026-03-10"), Matchers.containsString("请各接种单位做好查验。"),
                        Matchers.containsString("接种点名单.pdf"), Matchers.containsString("lang=\"zh-CN\""))));
    }

    @Test
    void pdfOpensInlineButHtmlIsOnlyEverDownloaded() throws Exception {
        PublicationContent c = publishWithAttachments("附件测试通知", "正文");
        mvc.perform(get("/items/{id}/attachments/1", c.documentId()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition", Matchers.startsWith("inline")));
        mvc.perform(get("/items/{id}/attachments/2", c.documentId()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/octet-stream"))
                .andExpect(header().string("Content-Disposition", Matchers.startsWith("attachment")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        mvc.perform(get("/items/{id}/attachments/3", c.documentId())).andExpect(status().isNotFound());
    }

    @Test
    void unpublishedAnswers410AndUnknownAnswers404Everywhere() throws Exception {
        PublicationContent c = publishWithAttachments("误发的信息" + UUID.randomUUID().toString().substring(0, 4), "内容");
        transactions.executeWithoutResult(s -> writer.unpublish(c.documentId(), "含有不应公开的内容", Instant.now()));
        mvc.perform(get("/items/{id}", c.documentId())).andExpect(status().isGone())
                .andExpect(content().string(Matchers.not(Matchers.containsString("误发的信息"))));
        mvc.perform(get("/items/{id}/attachments/1", c.documentId())).andExpect(status().isNotFound());
        mvc.perform(get("/items/{id}", "no-such-document")).andExpect(status().isNotFound());
        mvc.perform(get("/feed.atom")).andExpect(content().string(Matchers.not(Matchers.containsString(c.documentId()))));
        mvc.perform(get("/sitemap.xml")).andExpect(content().string(Matchers.not(Matchers.containsString(c.documentId()))));
        mvc.perform(get("/search").param("q", "误发的信息")).andExpect(content().string(Matchers.containsString("没有找到相关信息")));
    }

    @Test
    void searchHighlightsMatchesAndFeedsAndSitemapListPublishedItems() throws Exception {
        String marker = "丁戊" + UUID.randomUUID().toString().substring(0, 4);
        PublicationContent c = publishWithAttachments("疫苗接种门诊公示" + marker, "本市疫苗接种门诊名单。");
        mvc.perform(get("/search").param("q", "疫苗 " + marker))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<mark>疫苗</mark>")))
                .andExpect(content().string(Matchers.containsString("/items/" + c.documentId())));
        mvc.perform(get("/feed.atom"))
                .andExpect(header().string("Content-Type", Matchers.startsWith("application/atom+xml")))
                .andExpect(content().string(Matchers.containsString("<feed xmlns=\"http://www.w3.org/2005/Atom\"")));
        mvc.perform(get("/catalogue/ggws-yfjz/feed.atom"))
                .andExpect(content().string(Matchers.containsString("/items/" + c.documentId())));
        mvc.perform(get("/sitemap.xml"))
                .andExpect(content().string(Matchers.containsString("/items/" + c.documentId() + "</loc><lastmod>")));
        mvc.perform(get("/robots.txt")).andExpect(content().string(Matchers.containsString("Sitemap:")));
        String page = mvc.perform(get("/search").param("q", "<script>alert(1)</script>")).andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("<script>alert(1)</script>");
    }
}
