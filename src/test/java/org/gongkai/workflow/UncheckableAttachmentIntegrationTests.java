package org.gongkai.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.gongkai.AbstractIntegrationTest;
import org.gongkai.tables.PersonalDataScanner;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Nothing a clerk uploads can block a reviewer (issue #15, point 3): files the personal-data scanner cannot read are accepted,
 * scanned once at upload, and shown on the review page as 无法自动检查，需人工确认 with a required confirmation; archive bombs
 * are refused at upload. All hostile files are generated here.
 */
class UncheckableAttachmentIntegrationTests extends AbstractIntegrationTest {

    /** Starts like a PDF (so it is sniffed as one) and is an HTML page with a script after that: no PDF reader can parse it. */
    static byte[] pdfHtmlPolyglot() {
        return ("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n<!DOCTYPE html><html><head><title>x</title></head><body>"
                + "<script>alert(document.cookie)</script><p>受助人 11010519491231002X</p></body></html>\n"
                + "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n% endobj missing, no xref, no trailer\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A real one-page PDF with a mobile number in its text, cut after its first 40 %. */
    static byte[] truncatedPdf() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage();
            pdf.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(pdf, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                text.newLineAtOffset(72, 700);
                text.showText("Contact: 13812345678");
                text.endText();
            }
            pdf.save(out);
        }
        byte[] whole = out.toByteArray();
        return Arrays.copyOf(whole, whole.length * 2 / 5);
    }

    /** A ZIP named .docx whose document.xml inflates 30 MB of spaces from a few kilobytes. */
    static byte[] zipBombDocx() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
                    + ".wordprocessingml.document.main+xml\"/></Types>").getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 30; i++) {
                zip.write(spaces);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.MessageSource messages;

    long submittedDraftWith(String title, MockMultipartFile... files) throws Exception {
        long node = jdbc.queryForObject("select id from catalogue_node where code = 'jbyjjz-ga'", Long.class);
        mvc.perform(post("/admin/documents/new").with(csrf()).with(as("clerk")).param("title", title)
                .param("catalogueNodeId", "" + node).param("bodyHtml", "<p>救助情况说明。</p>"));
        long id = jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
        for (MockMultipartFile file : files) {
            mvc.perform(multipart("/admin/documents/{id}/attachments", id).file(file).with(csrf()).with(as("clerk")))
                    .andExpect(flash().attribute("notice", "attachment.addedUnchecked"));
        }
        mvc.perform(post("/admin/documents/{id}/submit", id).with(csrf()).with(as("clerk")));
        assertThat(state(id)).isEqualTo("SUBMITTED");
        return id;
    }

    String state(long id) {
        return jdbc.queryForObject("select state from edition where id = ?", String.class, id);
    }

    MockHttpServletRequestBuilder pass(long id) {
        return post("/admin/review/{id}/pass", id).with(csrf()).with(as("reviewer")).param("noStateSecrets", "true")
                .param("noWorkSecrets", "true").param("privacyHandled", "true").param("noCommercialSecrets", "true")
                .param("noSecurityRisk", "true").param("attributeCorrect", "true").param("opinion", "同意公开");
    }

    @Test
    void theScannerCannotReadThePolyglotOrTheTruncatedPdfAndTheUploadCheckSaysTheSame() throws Exception {
        for (byte[] file : new byte[][] {pdfHtmlPolyglot(), truncatedPdf()}) {
            assertThatThrownBy(() -> PersonalDataScanner.scanAttachment("x.pdf", file))
                    .isInstanceOf(PersonalDataScanner.UnreadableAttachment.class);
        }
        String title = "无法读取的附件" + UUID.randomUUID().toString().substring(0, 6);
        long id = submittedDraftWith(title,
                new MockMultipartFile("file", "名单.pdf", "application/pdf", pdfHtmlPolyglot()),
                new MockMultipartFile("file", "残缺.pdf", "application/pdf", truncatedPdf()));
        assertThat(jdbc.queryForList("select scan_state from edition_attachment where edition_id = ? order by position",
                String.class, id)).containsExactly("UNREADABLE", "UNREADABLE");

        mvc.perform(get("/admin/review/{id}", id).with(as("reviewer"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("无法自动检查，需人工确认"),
                        Matchers.containsString("名单.pdf"), Matchers.containsString("残缺.pdf"),
                        Matchers.containsString("name=\"uncheckedConfirmed\""))));

        mvc.perform(pass(id)).andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("alert", "review.error.uncheckedAttachments"));
        assertThat(state(id)).isEqualTo("SUBMITTED");

        mvc.perform(pass(id).param("uncheckedConfirmed", "true")).andExpect(flash().attribute("notice", "workflow.reviewPassed"));
        assertThat(state(id)).isEqualTo("PUBLISHED");
        assertThat(jdbc.queryForObject("""
                select unchecked_attachments || ' ' || unchecked_confirmed from confidentiality_review where edition_id = ?""",
                String.class, id)).isEqualTo("2 true");
    }

    @Test
    void aZipBombNamedDocxIsRefusedAtUploadWithAChineseMessage() throws Exception {
        byte[] bomb = zipBombDocx();
        assertThat(bomb.length).isLessThan(100_000);
        long node = jdbc.queryForObject("select id from catalogue_node where code = 'jbyjjz-ga'", Long.class);
        String title = "压缩炸弹" + UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(post("/admin/documents/new").with(csrf()).with(as("clerk")).param("title", title)
                .param("catalogueNodeId", "" + node).param("bodyHtml", "<p>正文</p>"));
        long id = jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
        mvc.perform(multipart("/admin/documents/{id}/attachments", id)
                        .file(new MockMultipartFile("file", "名单.docx", "application/octet-stream", bomb)).with(csrf()).with(as("clerk")))
                .andExpect(flash().attribute("alert", "attachment.error.archive.RATIO"));
        assertThat(jdbc.queryForObject("select count(*) from edition_attachment where edition_id = ?", Integer.class, id)).isZero();
        assertThat(messages.getMessage("attachment.error.archive.RATIO", null, java.util.Locale.SIMPLIFIED_CHINESE))
                .contains("疑似“压缩炸弹”，已拒绝上传");
    }

    @Test
    void anUnreadableFileStoredBeforeScanningAtUploadIsScannedWhenTheReviewPageNeedsItAndDoesNotBlockIt() throws Exception {
        String title = "旧附件" + UUID.randomUUID().toString().substring(0, 6);
        long id = submittedDraftWith(title);
        long uploader = jdbc.queryForObject("select id from staff_user where username = 'clerk'", Long.class);
        jdbc.update("""
                insert into edition_attachment (edition_id, position, filename, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
                values (?, 1, '旧名单.pdf', 'application/pdf', ?, repeat('0', 64), ?, ?, now())""",
                id, pdfHtmlPolyglot().length, pdfHtmlPolyglot(), uploader);
        mvc.perform(get("/admin/review/{id}", id).with(as("reviewer"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("无法自动检查，需人工确认"),
                        Matchers.containsString("旧名单.pdf"))));
        mvc.perform(pass(id)).andExpect(flash().attribute("alert", "review.error.uncheckedAttachments"));
        mvc.perform(pass(id).param("uncheckedConfirmed", "true")).andExpect(flash().attribute("notice", "workflow.reviewPassed"));
        assertThat(state(id)).isEqualTo("PUBLISHED");
    }
}
