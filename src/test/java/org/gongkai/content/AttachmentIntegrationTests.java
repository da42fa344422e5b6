package org.gongkai.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.RuleViolation;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

class AttachmentIntegrationTests extends AbstractIntegrationTest {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    Attachments attachments;

    long draft(String clerk, String title) throws Exception {
        long node = jdbc.queryForObject("select id from catalogue_node where code = 'ggws-yfjz'", Long.class);
        mvc.perform(post("/admin/documents/new").with(csrf()).with(as(clerk)).param("title", title)
                .param("catalogueNodeId", "" + node).param("bodyHtml", "<p>正文</p>"));
        return jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
    }

    int count(long edition) {
        return jdbc.queryForObject("select count(*) from edition_attachment where edition_id = ?", Integer.class, edition);
    }

    @Test
    void aPdfIsAcceptedButAnExeOrHtmlRenamedPdfIsRefusedWithAClearMessage() throws Exception {
        long id = draft("clerk", "接种点名单" + UUID.randomUUID().toString().substring(0, 4));
        mvc.perform(multipart("/admin/documents/{id}/attachments", id).file(new MockMultipartFile("file", "接种点名单.pdf", "application/pdf", PDF))
                .with(csrf()).with(as("clerk")))
                .andExpect(flash().attribute("notice", Matchers.startsWith("attachment.added")));
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        mvc.perform(multipart("/admin/documents/{id}/attachments", id).file(new MockMultipartFile("file", "报告.pdf", "application/pdf", exe))
                .with(csrf()).with(as("clerk"))).andExpect(flash().attribute("alert", "attachment.error.type"));
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        mvc.perform(multipart("/admin/documents/{id}/attachments", id).file(new MockMultipartFile("file", "page.pdf", "application/pdf", html))
                .with(csrf()).with(as("clerk"))).andExpect(flash().attribute("alert", "attachment.error.type"));
        mvc.perform(multipart("/admin/documents/{id}/attachments", id).file(new MockMultipartFile("file", "page.html", "text/html", html))
                .with(csrf()).with(as("clerk"))).andExpect(flash().attribute("alert", "attachment.error.type"));
        assertThat(count(id)).isEqualTo(1);
        mvc.perform(get("/admin/documents/{id}", id).with(as("clerk")))
                .andExpect(content().string(Matchers.containsString("接种点名单.pdf")));
        mvc.perform(get("/admin/documents/{id}/attachments/1", id).with(as("clerk")))
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        mvc.perform(get("/admin/documents/{id}/attachments/1", id).with(as("clerk2"))).andExpect(status().isNotFound());
    }

    @Test
    void anOverLimitFileIsRefusedBeforeItIsRead() throws Exception {
        long id = draft("clerk", "超大附件" + UUID.randomUUID().toString().substring(0, 4));
        InputStream mustNotBeRead = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the upload was read although its size is over the limit");
            }
        };
        assertThatThrownBy(() -> attachments.add(id, "大文件.pdf", attachments.maxBytes() + 1, mustNotBeRead,
                identity.principal("clerk").orElseThrow()))
                .isInstanceOf(RuleViolation.class).extracting("messageKey").isEqualTo("attachment.error.tooLarge");
        assertThat(count(id)).isZero();
    }

    @Test
    void filenamesAreSanitised() {
        assertThat(Attachments.sanitiseFilename("..\\..\\windows\\系统.pdf")).isEqualTo("系统.pdf");
        assertThat(Attachments.sanitiseFilename("/etc/passwd")).isEqualTo("passwd");
        assertThat(Attachments.sanitiseFilename("报告\u202Efdp.exe")).isEqualTo("报告fdp.exe");
        assertThat(Attachments.sanitiseFilename("a<b>:c?.docx")).isEqualTo("abc.docx");
        assertThat(Attachments.sanitiseFilename("...")).isEqualTo("附件");
    }

    @Test
    void anIdNumberInAnAttachedDocxIsShownToTheReviewerAndBlocksThePassUntilHandled() throws Exception {
        long id = draft("clerk", "救助对象名单" + UUID.randomUUID().toString().substring(0, 4));
        ByteArrayOutputStream docx = new ByteArrayOutputStream();
        try (XWPFDocument document = new XWPFDocument()) {
            document.createParagraph().createRun().setText("受助人：王五，身份证号 11010519491231002X，电话 13812345678。");
            document.write(docx);
        }
        mvc.perform(multipart("/admin/documents/{id}/attachments", id)
                .file(new MockMultipartFile("file", "名单.docx", "application/octet-stream", docx.toByteArray()))
                .with(csrf()).with(as("clerk"))).andExpect(flash().attribute("notice", "attachment.added"));
        mvc.perform(post("/admin/documents/{id}/submit", id).with(csrf()).with(as("clerk")));
        mvc.perform(get("/admin/review/{id}", id).with(as("reviewer")))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("发现疑似个人信息"),
                        Matchers.containsString("1101**********002X"), Matchers.not(Matchers.containsString("11010519491231002X")))));
        mvc.perform(post("/admin/review/{id}/pass", id).with(csrf()).with(as("reviewer")).param("noStateSecrets", "true")
                .param("noWorkSecrets", "true").param("privacyHandled", "true").param("noCommercialSecrets", "true")
                .param("noSecurityRisk", "true").param("attributeCorrect", "true").param("opinion", "同意"))
                .andExpect(flash().attribute("alert", "review.error.personalData"));
        assertThat(jdbc.queryForObject("select state from edition where id = ?", String.class, id)).isEqualTo("SUBMITTED");
    }

    @Test
    void anIdNumberWrittenInABodyParagraphAlsoBlocksThePassUntilItIsJustified() throws Exception {
        long node = jdbc.queryForObject("select id from catalogue_node where code = 'jbyjjz-ga'", Long.class);
        String title = "救助情况说明" + UUID.randomUUID().toString().substring(0, 4);
        mvc.perform(post("/admin/documents/new").with(csrf()).with(as("clerk")).param("title", title).param("catalogueNodeId", "" + node)
                .param("bodyHtml", "<p>受助人李四（身份证号 11010519491231002X）已获救助。</p>"));
        long id = jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
        mvc.perform(post("/admin/documents/{id}/submit", id).with(csrf()).with(as("clerk")));
        var pass = post("/admin/review/{id}/pass", id).with(csrf()).with(as("reviewer")).param("noStateSecrets", "true")
                .param("noWorkSecrets", "true").param("privacyHandled", "true").param("noCommercialSecrets", "true")
                .param("noSecurityRisk", "true").param("attributeCorrect", "true").param("opinion", "同意");
        mvc.perform(pass).andExpect(flash().attribute("alert", "review.error.personalData"));
        assertThat(jdbc.queryForObject("select state from edition where id = ?", String.class, id)).isEqualTo("SUBMITTED");
        mvc.perform(pass.param("personalDataNote", "经核实，受助人书面同意公开身份证号（附同意书）"));
        assertThat(jdbc.queryForObject("select state from edition where id = ?", String.class, id)).isEqualTo("PUBLISHED");
        assertThat(jdbc.queryForObject("select personal_data_hits from confidentiality_review where edition_id = ?", Integer.class, id))
                .isEqualTo(1);
    }
}
