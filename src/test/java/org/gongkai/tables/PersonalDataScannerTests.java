package org.gongkai.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/** The scanner finds ID numbers, mobile numbers and bank cards in text, HTML and attachments, and nothing else. */
class PersonalDataScannerTests {

    static final String ID = "44010619850312215X";

    @Test
    void findsAnIdNumberInAParagraphOfHtmlAndMasksIt() {
        String html = "<h2>关于救助情况的说明</h2><p>经核实，患者<strong>张某</strong>（身份证号" + ID
                + "）于2026年3月12日入院，救助金额30000元。</p>";
        List<PersonalDataScanner.Hit> hits = PersonalDataScanner.scanHtml(html, "正文");
        assertThat(hits).hasSize(1);
        PersonalDataScanner.Hit hit = hits.get(0);
        assertThat(hit.kind()).isEqualTo(PersonalDataScanner.Kind.ID_NUMBER);
        assertThat(hit.maskedValue()).isEqualTo("4401**********215X");
        assertThat(hit.context()).contains("身份证号4401**********215X").doesNotContain(ID).doesNotContain("<");
        assertThat(hit.source()).isEqualTo("正文");
    }

    @Test
    void findsAnIdNumberSplitByInlineTags() {
        assertThat(PersonalDataScanner.scanHtml("<p>号码<span>440106198503</span>12215X</p>", "正文")).hasSize(1);
    }

    @Test
    void findsAnIdNumberInsideAGeneratedDocx() throws Exception {
        byte[] docx;
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("疾病应急救助申请表");
            doc.createParagraph().createRun().setText("申请人：李四，身份证号码：" + ID + "，联系电话：13912345678。");
            doc.write(out);
            docx = out.toByteArray();
        }
        List<PersonalDataScanner.Hit> hits = PersonalDataScanner.scanAttachment("申请表.docx", docx);
        assertThat(hits).extracting(PersonalDataScanner.Hit::kind)
                .containsExactly(PersonalDataScanner.Kind.ID_NUMBER, PersonalDataScanner.Kind.MOBILE);
        assertThat(hits).extracting(PersonalDataScanner.Hit::maskedValue).containsExactly("4401**********215X", "139****5678");
        assertThat(hits).allSatisfy(h -> assertThat(h.context()).doesNotContain(ID, "13912345678"));
        assertThat(hits.get(0).source()).isEqualTo("申请表.docx");
    }

    @Test
    void findsNumbersInPdfAndXlsxAttachments() throws Exception {
        byte[] pdf;
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(50, 700);
                content.showText("Applicant ID " + ID + " card 6222021234567890128");
                content.endText();
            }
            doc.save(out);
            pdf = out.toByteArray();
        }
        assertThat(PersonalDataScanner.scanAttachment("scan.pdf", pdf)).extracting(PersonalDataScanner.Hit::kind)
                .containsExactly(PersonalDataScanner.Kind.ID_NUMBER, PersonalDataScanner.Kind.BANK_CARD);

        byte[] xlsx;
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var row = book.createSheet("名单").createRow(0);
            row.createCell(0).setCellValue("王五");
            row.createCell(1).setCellValue("110105491231002");
            book.write(out);
            xlsx = out.toByteArray();
        }
        assertThat(PersonalDataScanner.scanAttachment("名单.xlsx", xlsx)).extracting(PersonalDataScanner.Hit::maskedValue)
                .containsExactly("1101*******1002");
    }

    @Test
    void findsMobileAndLuhnValidBankCard() {
        String text = "联系人手机 138 1234 5678，退款至银行卡 6222 0212 3456 7890 128 ，备用卡6222021234567890129（校验位不对）。";
        List<PersonalDataScanner.Hit> hits = PersonalDataScanner.scanText(text, "备注");
        assertThat(hits).extracting(PersonalDataScanner.Hit::kind)
                .containsExactly(PersonalDataScanner.Kind.MOBILE, PersonalDataScanner.Kind.BANK_CARD);
        assertThat(hits).extracting(PersonalDataScanner.Hit::maskedValue).containsExactly("138****5678", "****0128");
        assertThat(PersonalDataScanner.luhn("6222021234567890128")).isTrue();
    }

    @Test
    void noFalsePositivesOnDocumentNumbersDatesAndIndexNumbers() {
        String text = """
                索引号：11440100MB2C12345X/2026-00017；文号：穗卫函〔2026〕117号；成文日期：2026-03-31，20260331；
                发文字号 粤卫办〔2025〕12号，统计数 1234567，电话 020-83456789，邮编 510030，
                长数字 123456789012345678901234，订单 20260331123456789012，金额 13800000.00 元，
                序列 1381234567890，流水号 NO.13812345678A。""";
        assertThat(PersonalDataScanner.scanText(text, "正文")).isEmpty();
    }

    @Test
    void anIdNumberIsNeverAlsoReportedAsABankCard() {
        List<PersonalDataScanner.Hit> hits = PersonalDataScanner.scanText("身份证 440106199001011235 与 " + ID, "x");
        assertThat(hits).extracting(PersonalDataScanner.Hit::kind)
                .containsExactly(PersonalDataScanner.Kind.ID_NUMBER, PersonalDataScanner.Kind.ID_NUMBER);
    }
}
