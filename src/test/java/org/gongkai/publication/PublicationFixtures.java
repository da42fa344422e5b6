package org.gongkai.publication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.gongkai.support.CreditCode;
import org.springframework.jdbc.core.JdbcTemplate;

/** Builds publication content for tests of the read model, without going through the workflow. */
public final class PublicationFixtures {

    private PublicationFixtures() {
    }

    public record Department(long id, String name, String creditCode) {
    }

    /** A new department with a valid, unique credit code, so that its index-number serials start at 1. */
    public static Department newDepartment(JdbcTemplate jdbc) {
        String name = "测试科室" + UUID.randomUUID().toString().substring(0, 8);
        String code = CreditCode.complete("91440100" + "%09d".formatted(ThreadLocalRandom.current().nextInt(1_000_000_000))).value();
        long id = jdbc.queryForObject("insert into department (name, short_name, credit_code) values (?, ?, ?) returning id",
                Long.class, name, "测试", code);
        return new Department(id, name, code);
    }

    /** A new 科室 of the same publishing organ as {@code organ}: it shares the organ's credit code and 索引号 sequence. */
    public static Department newDepartmentOf(JdbcTemplate jdbc, Department organ) {
        String name = "测试科室" + UUID.randomUUID().toString().substring(0, 8);
        long id = jdbc.queryForObject("insert into department (name, short_name, credit_code) values (?, ?, ?) returning id",
                Long.class, name, "测试", organ.creditCode());
        return new Department(id, name, organ.creditCode());
    }

    public static Department existingDepartment(JdbcTemplate jdbc, String name) {
        return jdbc.queryForObject("select id, name, credit_code from department where name = ?",
                (rs, n) -> new Department(rs.getLong(1), rs.getString(2), rs.getString(3)), name);
    }

    /** Content of a first edition; edition ids are made unique from the clock and a random part. */
    public static PublicationContent content(Department department, String documentId, String title, String body,
                                             Instant publishedAt) {
        return new PublicationContent(documentId, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), 1, department.id(),
                department.creditCode(), publishedAt, false, null, title, "测卫〔2026〕1号", LocalDate.of(2026, 3, 2),
                "内容概述：" + title, "测试", "gggs", "公共卫生", "卫生健康", "通知", "社会公众", "主动公开",
                department.name(), false, "<p>" + body + "</p>", body, List.of(), List.of(), "[]");
    }

    public static PublicationContent nextEdition(PublicationContent previous, int editionNumber, String title, boolean minor,
                                                 String changeNote, Instant publishedAt) {
        return new PublicationContent(previous.documentId(), ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
                editionNumber, previous.departmentId(), previous.departmentCreditCode(), publishedAt, minor, changeNote, title,
                previous.documentNumber(), previous.writtenOn(), previous.summary(), previous.keywords(), previous.catalogueCode(),
                previous.catalogueName(), previous.topic(), previous.genre(), previous.audience(), previous.disclosureAttribute(),
                previous.issuingDepartmentName(), previous.emergency(), previous.bodyHtml(), previous.bodyText(),
                previous.attachments(), previous.related(), previous.maskedTablesJson());
    }

    /** The same content filed under another catalogue column. */
    public static PublicationContent inColumn(PublicationContent c, String catalogueCode, String catalogueName) {
        return new PublicationContent(c.documentId(), c.editionId(), c.editionNumber(), c.departmentId(),
                c.departmentCreditCode(), c.publishedAt(), c.minorChange(), c.changeNote(), c.title(), c.documentNumber(),
                c.writtenOn(), c.summary(), c.keywords(), catalogueCode, catalogueName, c.topic(), c.genre(), c.audience(),
                c.disclosureAttribute(), c.issuingDepartmentName(), c.emergency(), c.bodyHtml(), c.bodyText(), c.attachments(),
                c.related(), c.maskedTablesJson());
    }
}
