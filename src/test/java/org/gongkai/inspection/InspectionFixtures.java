package org.gongkai.inspection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.gongkai.publication.PublicationContent;
import org.gongkai.publication.PublicationFixtures;
import org.springframework.jdbc.core.JdbcTemplate;

/** Columns and published items for the self-check tests, written straight into the read model. */
final class InspectionFixtures {

    private InspectionFixtures() {
    }

    record TestColumn(long id, String code, String name) {
    }

    static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** A new root column of the given kind, whose disclosure matter names the department (null: no matter). */
    static TestColumn column(JdbcTemplate jdbc, org.springframework.context.ApplicationEventPublisher events, String kind,
                             Long departmentId) {
        String suffix = shortId();
        String name = "自查测试栏目" + suffix;
        Long matter = departmentId == null ? null : jdbc.queryForObject("""
                insert into disclosure_matter (name, legal_basis, content, responsible_department_id, time_limit, methods, level, stage, cadence)
                values (?, '依据', '内容', ?, '形成之日起20个工作日内', '网站', '市', '执行', 'ON_OCCURRENCE') returning id""",
                Long.class, "自查测试事项" + suffix, departmentId);
        long id = jdbc.queryForObject("""
                insert into catalogue_node (code, name, position, kind, disclosure_matter_id) values (?, ?, 9000, ?, ?) returning id""",
                Long.class, "t-" + suffix, name, kind, matter);
        // written past content's API, so tell the public catalogue's cache as content does after a change
        events.publishEvent(new org.gongkai.content.CatalogueChanged("t-" + suffix));
        return new TestColumn(id, "t-" + suffix, name);
    }

    /** A first edition of a new document in a column, published at the given instant. */
    static PublicationContent item(PublicationFixtures.Department department, TestColumn column, String title, String bodyHtml,
                                   Instant publishedAt) {
        String documentId = "zc" + shortId() + "ab";
        return new PublicationContent(documentId, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), 1, department.id(),
                department.creditCode(), publishedAt, false, null, title, null, LocalDate.of(2026, 3, 2), null, null,
                column.code(), column.name(), "公共卫生", "通知", "社会公众", "主动公开", department.name(), false, bodyHtml,
                org.jsoup.Jsoup.parse(bodyHtml).text(), List.of(), List.of(), "[]");
    }
}
