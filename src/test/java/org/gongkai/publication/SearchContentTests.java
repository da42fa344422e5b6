package org.gongkai.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.gongkai.AbstractIntegrationTest;
import org.gongkai.publication.PublicViews.ItemFilter;
import org.gongkai.tables.PublishedTables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Search over what an item publishes besides its fields (issue 19): the masked text of its published tables and the text of
 * its attachments, extracted once at publication; results by date; and the stored bigram vector agrees with the bigrams
 * the old per-row function computed.
 */
class SearchContentTests extends AbstractIntegrationTest {

    @Autowired
    PublicationWriter writer;

    @Autowired
    PublicSearch search;

    @Autowired
    TransactionTemplate transactions;

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private List<String> found(String query) {
        return search.search(query, ItemFilter.none(), 1, 10).items().stream().map(h -> h.item().documentId()).toList();
    }

    /** A marker of CJK extension A characters, new for every run, so that nothing else matches it. */
    private static String marker() {
        int first = 0x3400 + java.util.concurrent.ThreadLocalRandom.current().nextInt(6000);
        return Character.toString(first) + Character.toString(first + 3) + Character.toString(first + 7);
    }

    private static PublicationContent with(PublicationContent c, List<PublicationContent.Attachment> attachments,
                                           String tablesJson) {
        return new PublicationContent(c.documentId(), c.editionId(), 1, c.departmentId(), c.departmentCreditCode(),
                c.publishedAt(), false, null, c.title(), c.documentNumber(), c.writtenOn(), c.summary(), c.keywords(),
                c.catalogueCode(), c.catalogueName(), c.topic(), c.genre(), c.audience(), c.disclosureAttribute(),
                c.issuingDepartmentName(), false, c.bodyHtml(), c.bodyText(), attachments, List.of(), tablesJson,
                PublishedTables.searchText(tablesJson));
    }

    @Test
    void aWordOnlyInAPublishedTableCellFindsItsItemButAMaskedValueNeverByItsRawForm() {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String cell = marker() + "社区卫生服务站";
        String caption = marker() + "名录";
        String tables = """
                [{"caption":"%s","columns":[{"key":"org","label":"机构名称","numeric":false},
                 {"key":"contact","label":"联系人","numeric":false},{"key":"phone","label":"电话","numeric":false}],
                 "rows":[{"org":"%s","contact":"王*芳","phone":"138****5678"}],"chart":null}]""".formatted(caption, cell);
        PublicationContent base = PublicationFixtures.content(department, newId(), "基层医疗卫生机构名录", "见附表。",
                Instant.parse("2026-03-03T01:00:00Z"));
        publish(with(base, List.of(), tables));

        assertThat(found(cell)).containsExactly(base.documentId());
        assertThat(found(caption)).containsExactly(base.documentId());
        assertThat(found("王*芳 " + cell)).containsExactly(base.documentId());
        // the raw forms behind the masks are nowhere in the index
        assertThat(found("王小芳 " + cell)).isEmpty();
        assertThat(found("13812345678 " + cell)).isEmpty();
        assertThat(jdbc.queryForObject("select search_text from publication_snapshot where document_id = ?", String.class,
                base.documentId())).contains("王*芳").doesNotContain("王小芳");
    }

    @Test
    void aWordOnlyInAPdfAttachmentFindsItsItemAndItsTextIsExtractedOnce() throws Exception {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String word = "qz" + newId().substring(0, 10).replaceAll("[0-9]", "x");
        byte[] pdf = pdf("Annex: the " + word + " inspection schedule");
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(pdf));
        PublicationContent base = PublicationFixtures.content(department, newId(), "关于检查安排的通知", "详见附件。",
                Instant.parse("2026-03-04T01:00:00Z"));
        publish(with(base, List.of(new PublicationContent.Attachment("检查安排.pdf", "application/pdf", sha256, pdf)), "[]"));

        assertThat(found(word)).containsExactly(base.documentId());
        assertThat(found(word.toUpperCase(java.util.Locale.ROOT))).containsExactly(base.documentId());
        assertThat(jdbc.queryForObject("select text from published_file where sha256 = ?", String.class, sha256)).contains(word);

        // the same file in another item: its stored text is used, not extracted again (a changed stored text shows it)
        jdbc.update("update published_file set text = text || ' storedonce' where sha256 = ?", sha256);
        PublicationContent again = PublicationFixtures.content(department, newId(), "转发检查安排的通知", "转发。",
                Instant.parse("2026-03-05T01:00:00Z"));
        publish(with(again, List.of(new PublicationContent.Attachment("附件.pdf", "application/pdf", sha256, pdf)), "[]"));
        assertThat(found("storedonce " + word)).containsExactly(again.documentId());
    }

    @Test
    void resultsCanBeSortedByDate() {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String term = marker();
        PublicationContent older = PublicationFixtures.content(department, newId(), "关于" + term + "的通知", "正文",
                Instant.parse("2026-03-06T01:00:00Z"));
        PublicationContent newer = PublicationFixtures.content(department, newId(), "工作安排", "正文提到" + term,
                Instant.parse("2026-03-07T01:00:00Z"));
        publish(older);
        publish(newer);

        // relevance: the title match first; date: the newest first
        assertThat(found(term)).containsExactly(older.documentId(), newer.documentId());
        assertThat(search.search(term, ItemFilter.none(), PublicSearch.Order.DATE, 1, 10).items())
                .extracting(h -> h.item().documentId()).containsExactly(newer.documentId(), older.documentId());
    }

    @Test
    void theStoredBigramsAreThoseOfTheOldFunction() {
        // V12's cjk_bigrams(), which V35 replaced with a faster definition of the same result
        jdbc.execute("""
                create or replace function pg_temp.old_bigrams(t text) returns tsvector language sql immutable as $$
                    select array_to_tsvector(array(select distinct substr(lower(t), i, 2)
                        from generate_series(1, greatest(length(t) - 1, 1)) i where substr(lower(t), i, 2) !~ '\\s'))
                $$""");
        List<String> texts = List.of("a", "ab", " a b  cd ", "x y", "  ", "中文\t测试 OK", "关于落实双随机一公开监管的通知 aefi 〔2025〕3号",
                "王*芳 138****5678", "𠀀𠀁 𠀂");
        for (String t : texts) {
            assertThat(jdbc.queryForObject("select cjk_bigrams(?) = pg_temp.old_bigrams(?)", Boolean.class, t, t)).as(t).isTrue();
        }
        Integer differing = jdbc.queryForObject("""
                select count(*) from publication_snapshot where search_bigrams <> pg_temp.old_bigrams(search_text)""", Integer.class);
        assertThat(differing).isZero();
    }

    private void publish(PublicationContent content) {
        transactions.execute(s -> writer.publish(content));
    }

    private static byte[] pdf(String text) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
