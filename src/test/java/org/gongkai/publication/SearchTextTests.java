package org.gongkai.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.publication.PublicViews.ItemFilter;
import org.gongkai.publication.PublicViews.SearchHit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Search normalises what people type as it normalises what is indexed (issue 19): full-width letters, punctuation between
 * Chinese characters, the brackets of a 文号; it finds a 索引号, and an exact 文号 comes first. Against real PostgreSQL,
 * whose generated search columns must compute what {@link SearchText} computes.
 */
class SearchTextTests extends AbstractIntegrationTest {

    @Autowired
    PublicationWriter writer;

    @Autowired
    PublishedItems published;

    @Autowired
    PublicSearch search;

    @Autowired
    SearchPlanner planner;

    @Autowired
    TransactionTemplate transactions;

    private PublicationWriter.Published publish(PublicationContent content) {
        return transactions.execute(s -> writer.publish(content));
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private List<String> found(String query) {
        return search.search(query, ItemFilter.none(), 1, 10).items().stream().map(h -> h.item().documentId()).toList();
    }

    @Test
    void normalisesAsPeopleType() {
        assertThat(SearchText.normalise("关于落实“双随机、一公开”监管的通知")).isEqualTo("关于落实双随机一公开监管的通知");
        assertThat(SearchText.normalise("ＡＥＦＩ监测 ＡＢｃ")).isEqualTo("aefi监测 abc");
        assertThat(SearchText.normalise("示卫规字［2025］3号")).isEqualTo("示卫规字〔2025〕3号");
        assertThat(SearchText.normalise("示卫规字(2025)3号")).isEqualTo("示卫规字〔2025〕3号");
        assertThat(SearchText.normalise("示卫规字【2025】3号")).isEqualTo("示卫规字〔2025〕3号");
        assertThat(SearchText.normalise("办法（试行）的通知")).isEqualTo("办法试行的通知");
        // a masked character is not punctuation: the raw name must not come back
        assertThat(SearchText.normalise("联系人王*芳")).isEqualTo("联系人王*芳");
        assertThat(SearchText.key("示卫规字 (2025) 3 号")).isEqualTo("示卫规字20253号").isEqualTo(SearchText.key("示卫规字〔2025〕3号"));
        assertThat(SearchText.key(" 、")).isNull();
        assertThat(SearchText.terms("双随机、一公开 ＡＥＦＩ")).containsExactly("双随机一公开", "aefi");
        assertThat(SearchText.terms("示卫规字（2025）3号")).containsExactly("示卫规字〔2025〕3号");
        assertThat(SearchText.terms("(试行)")).containsExactly("试行");
        assertThat(SearchText.terms("王*芳")).containsExactly("王", "芳");
    }

    @Test
    void postgresqlNormalisesEveryCharacterOfTheRelevantBlocksAsJavaDoes() {
        // ASCII, Latin-1, general and supplemental punctuation, CJK symbols and punctuation, CJK compatibility and small
        // forms, half- and full-width forms, and a stretch of Han ideographs; each character between two Han ones, alone,
        // and between two letters, so that the rule for punctuation between CJK characters is compared too
        List<int[]> blocks = List.of(new int[] {0x20, 0x24F}, new int[] {0x2000, 0x206F}, new int[] {0x2E00, 0x2E7F},
                new int[] {0x3000, 0x303F}, new int[] {0x4E00, 0x4F00}, new int[] {0xF900, 0xF9FF}, new int[] {0xFE10, 0xFE6F},
                new int[] {0xFF00, 0xFFEF}, new int[] {0x20000, 0x20010});
        List<String> samples = new ArrayList<>();
        for (int[] block : blocks) {
            for (int c = block[0]; c <= block[1]; c++) {
                if (Character.isDefined(c) && !Character.isSurrogate((char) c) && c != 0x130 && !(c >= 0x1C4 && c <= 0x1CC)
                        && c != 0x1F1 && c != 0x1F2 && c != 0x1F3) {
                    String ch = Character.toString(c);
                    samples.add("双" + ch + "随" + ch + ch + "机a" + ch + "b" + ch);
                }
            }
        }
        samples.addAll(List.of("关于印发《双随机、一公开》（试行）的通知", "示卫规字〔2025〕3号", "ＡＥＦＩ　监测", "王*芳",
                "91440100MA5CXXXX1X/2025-00003"));
        List<String> sql = jdbc.queryForList("select search_normalise(t) from unnest(?::text[]) with ordinality u(t, n) order by n",
                String.class, (Object) samples.toArray(String[]::new));
        List<String> keys = jdbc.queryForList("select coalesce(search_key(t), '-') from unnest(?::text[]) with ordinality u(t, n) order by n",
                String.class, (Object) samples.toArray(String[]::new));
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            String key = SearchText.key(samples.get(i));
            if (!sql.get(i).equals(SearchText.normalise(samples.get(i))) || !keys.get(i).equals(key == null ? "-" : key)) {
                mismatches.add(samples.get(i) + " java=" + SearchText.normalise(samples.get(i)) + " sql=" + sql.get(i));
            }
        }
        assertThat(samples).hasSizeGreaterThan(1500);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void findsWhatPeopleTypeAndAnExactDocumentNumberFirst() {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String marker = "戊己庚" + newId().substring(0, 4);
        Instant at = Instant.parse("2026-03-01T01:00:00Z");
        // the 文号 is new for every run, so that no other item has it
        int serial = 100 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000);
        String number = "示卫规字〔2025〕" + serial + "号";
        PublicationContent base = PublicationFixtures.content(department, newId(), "关于落实双随机、一公开监管的通知" + marker,
                "开展ＡＥＦＩ监测。" + marker, at);
        PublicationContent regulation = new PublicationContent(base.documentId(), base.editionId(), 1, base.departmentId(),
                base.departmentCreditCode(), at, false, null, base.title(), number, base.writtenOn(), "概述", "测试", "gggs",
                "公共卫生", null, null, null, null, base.issuingDepartmentName(), false, base.bodyHtml(), base.bodyText(), List.of(),
                List.of(), "[]");
        // a newer item that names the 文号 in its title: it matches too, but after the item that has it as its own 文号
        PublicationContent citing = PublicationFixtures.content(department, newId(), "关于" + number + "的解读" + marker,
                "解读全文", at.plusSeconds(3600));
        String indexNumber = publish(regulation).indexNumber();
        publish(citing);

        assertThat(found("双随机一公开 " + marker)).containsExactly(regulation.documentId());
        assertThat(found("双随机 一公开 " + marker)).containsExactly(regulation.documentId());
        assertThat(found("ＡＥＦＩ " + marker)).containsExactly(regulation.documentId());
        assertThat(found("aefi " + marker)).containsExactly(regulation.documentId());
        for (String typed : List.of(number, "示卫规字[2025]" + serial + "号", "示卫规字(2025)" + serial + "号",
                "示卫规字（2025）" + serial + "号")) {
            assertThat(found(typed)).as(typed).containsExactly(regulation.documentId(), citing.documentId());
        }
        assertThat(found(indexNumber)).containsExactly(regulation.documentId());
        assertThat(found(indexNumber.toLowerCase(java.util.Locale.ROOT))).containsExactly(regulation.documentId());
        // the 发布机构 is searched too
        assertThat(found(department.name() + " " + marker)).containsExactlyInAnyOrder(regulation.documentId(), citing.documentId());

        // the highlight marks what was typed in the text as it is written
        SearchHit hit = search.search("双随机一公开 " + marker, ItemFilter.none(), 1, 10).items().get(0);
        assertThat(hit.title()).filteredOn(PublicViews.Segment::match).extracting(PublicViews.Segment::text)
                .containsExactly("双随机、一公开", marker);
        assertThat(String.join("", hit.title().stream().map(PublicViews.Segment::text).toList())).isEqualTo(regulation.title());
        SearchHit full = search.search("ＡＥＦＩ " + marker, ItemFilter.none(), 1, 10).items().get(0);
        assertThat(full.snippet()).anyMatch(seg -> seg.match() && seg.text().equals("ＡＥＦＩ"));
        SearchHit cited = search.search("示卫规字(2025)" + serial + "号", ItemFilter.none(), 1, 10).items().get(1);
        assertThat(cited.title()).anyMatch(seg -> seg.match() && seg.text().equals(number));
    }

    @Test
    void aMaskedValueIsNeverFoundByItsRawForm() {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String marker = "辛壬癸" + newId().substring(0, 4);
        String body = "举报人王*芳，身份证号 4401**********1234，电话 138****5678。" + marker;
        PublicationContent content = PublicationFixtures.content(department, newId(), "举报处理结果公示" + marker, body,
                Instant.parse("2026-03-02T01:00:00Z"));
        String tables = """
                [{"caption":"处理名单","columns":[{"key":"name","label":"姓名","numeric":false},
                 {"key":"id","label":"身份证号","numeric":false}],"rows":[{"name":"李**","id":"4401**********5678"}],"chart":null}]""";
        publish(new PublicationContent(content.documentId(), content.editionId(), 1, content.departmentId(),
                content.departmentCreditCode(), content.publishedAt(), false, null, content.title(), content.documentNumber(),
                content.writtenOn(), content.summary(), content.keywords(), content.catalogueCode(), content.catalogueName(),
                content.topic(), content.genre(), content.audience(), content.disclosureAttribute(),
                content.issuingDepartmentName(), false, content.bodyHtml(), content.bodyText(), List.of(), List.of(), tables));

        assertThat(found("举报处理 " + marker)).containsExactly(content.documentId());
        for (String raw : List.of("王芳", "王小芳", "440102199001011234", "13812345678", "李小明", "440102198001015678")) {
            assertThat(found(raw + " " + marker)).as(raw).isEmpty();
            assertThat(found(raw)).as(raw).doesNotContain(content.documentId());
        }
    }
}
