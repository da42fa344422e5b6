package org.gongkai.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.publication.PublicationContent;
import org.gongkai.publication.PublicationFixtures;
import org.gongkai.publication.PublicationFixtures.Department;
import org.gongkai.publication.PublicationWriter;
import org.gongkai.reporting.Obligations.Obligation;
import org.gongkai.reporting.Obligations.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Obligations against the real working-day calendar of 2025 (清明 4–6 April, 劳动节 1–5 May): a monthly matter due 10 working
 * days after the month ends, with "today" fixed per assertion.
 */
class ObligationsIntegrationTests extends AbstractIntegrationTest {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired
    Obligations obligations;
    @Autowired
    PublicationWriter writer;
    @Autowired
    TransactionTemplate transactions;

    Department department;
    String code;

    @BeforeEach
    void monthlyMatterWithItsOwnColumnAndDepartment() {
        department = PublicationFixtures.newDepartment(jdbc);
        code = "t-" + UUID.randomUUID().toString().substring(0, 8);
        long matter = jdbc.queryForObject("""
                insert into disclosure_matter (name, legal_basis, content, responsible_department_id, time_limit, time_limit_working_days,
                    methods, level, stage, cadence)
                values (?, '《传染病防治法》', '月度疫情', ?, '每月结束后10个工作日内', 10, '网站', '市', '结果', 'MONTHLY') returning id""",
                Long.class, "测试疫情月报" + code, department.id());
        jdbc.update("insert into catalogue_node (code, name, disclosure_matter_id) values (?, ?, ?)", code, "测试栏目" + code, matter);
    }

    String publish(String title, String catalogueCode, String genre, LocalDate writtenOn, LocalDate publishedOn,
                   List<PublicationContent.Related> related) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Instant at = publishedOn.atTime(10, 0).atZone(CHINA).toInstant();
        transactions.execute(s -> writer.publish(new PublicationContent(id, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), 1,
                department.id(), department.creditCode(), at, false, null, title, null, writtenOn, null, null, catalogueCode, "测试",
                null, genre, null, "主动公开", department.name(), false, "<p>正文</p>", "正文", List.of(), related, "[]")));
        return id;
    }

    Obligation month(int month, LocalDate today) {
        return obligations.dashboard(2025, department.id(), today).obligations().stream()
                .filter(o -> o.period().equals("2025年" + month + "月")).findFirst().orElseThrow();
    }

    @Test
    void aMonthlyReportPublishedAfterItsWorkingDayDeadlineIsLate() {
        // 10 working days after 31 March 2025, skipping 清明 (4 April) and the weekends: 15 April
        publish("2025年3月法定传染病疫情概况", code, "统计数据", LocalDate.of(2025, 4, 8), LocalDate.of(2025, 4, 17), List.of());
        Obligation march = month(3, LocalDate.of(2025, 6, 1));
        assertThat(march.due()).isEqualTo(LocalDate.of(2025, 4, 15));
        assertThat(march.status()).isEqualTo(Status.LATE);
        assertThat(march.workingDaysLate()).isEqualTo(2);
        publish("2025年2月法定传染病疫情概况", code, "统计数据", LocalDate.of(2025, 3, 5), LocalDate.of(2025, 3, 10), List.of());
        assertThat(month(2, LocalDate.of(2025, 6, 1)).status()).isEqualTo(Status.ON_TIME);
    }

    @Test
    void aMonthNeverPublishedIsUpcomingBeforeItsDueDateAndMissingAfterIt() {
        // 10 working days after 30 April 2025, skipping 劳动节 1–5 May: 19 May
        assertThat(month(4, LocalDate.of(2025, 5, 19)).due()).isEqualTo(LocalDate.of(2025, 5, 19));
        assertThat(month(4, LocalDate.of(2025, 5, 6)).status()).isEqualTo(Status.UPCOMING);
        assertThat(month(4, LocalDate.of(2025, 5, 19)).status()).isEqualTo(Status.UPCOMING);
        assertThat(month(4, LocalDate.of(2025, 5, 20)).status()).isEqualTo(Status.MISSING);
        assertThat(month(9, LocalDate.of(2025, 5, 20)).status()).isEqualTo(Status.NOT_DUE);
        // a report whose title names no month counts for the month before its 成文日期
        publish("法定传染病疫情概况", code, "统计数据", LocalDate.of(2025, 5, 9), LocalDate.of(2025, 5, 12), List.of());
        assertThat(month(4, LocalDate.of(2025, 5, 20)).status()).isEqualTo(Status.ON_TIME);
    }

    @Test
    void aPolicyInterpretedFourWorkingDaysLaterOrNeverIsFlagged() {
        String late = publish("示范市某管理办法" + code, "zcwj-gfxwj", "规范性文件", LocalDate.of(2025, 6, 3), LocalDate.of(2025, 6, 5), List.of());
        // Thursday 5 June + 4 working days = Wednesday 11 June
        publish("《示范市某管理办法》政策解读" + code, "zcwj-zcjd", "政策解读", LocalDate.of(2025, 6, 10), LocalDate.of(2025, 6, 11),
                List.of(new PublicationContent.Related(late, "示范市某管理办法", "INTERPRETS")));
        String timely = publish("示范市另一办法" + code, "zcwj-gfxwj", "规范性文件", LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 2), List.of());
        publish("《示范市另一办法》政策解读" + code, "zcwj-zcjd", "政策解读", LocalDate.of(2025, 7, 2), LocalDate.of(2025, 7, 7),
                List.of(new PublicationContent.Related(timely, "示范市另一办法", "INTERPRETS")));
        String none = publish("示范市第三办法" + code, "zcwj-gfxwj", "规范性文件", LocalDate.of(2025, 8, 1), LocalDate.of(2025, 8, 4), List.of());

        var policies = obligations.dashboard(2025, department.id(), LocalDate.of(2025, 12, 1)).policies();
        assertThat(policies).extracting(Obligations.PolicyCheck::documentId).containsExactly(late, timely, none);
        assertThat(policies).extracting(Obligations.PolicyCheck::status).containsExactly(Status.LATE, Status.ON_TIME, Status.MISSING);
        assertThat(policies.get(0).workingDays()).isEqualTo(4);
        assertThat(policies.get(1).workingDays()).isEqualTo(3);
        // not yet flagged while the three working days run
        assertThat(obligations.dashboard(2025, department.id(), LocalDate.of(2025, 8, 6)).policies().get(2).status())
                .isEqualTo(Status.UPCOMING);
    }

    @Test
    void anItemPublishedMoreThanTwentyWorkingDaysAfterItWasWrittenBreaksArticle26() {
        String slow = publish("关于开展某项工作的通知" + code, "jkcj", "通知", LocalDate.of(2025, 9, 1), LocalDate.of(2025, 10, 20), List.of());
        publish("关于另一项工作的通知" + code, "jkcj", "通知", LocalDate.of(2025, 9, 1), LocalDate.of(2025, 9, 26), List.of());
        var late = obligations.dashboard(2025, department.id(), LocalDate.of(2025, 12, 1)).lateItems();
        assertThat(late).extracting(Obligations.LateItem::documentId).containsExactly(slow);
        // 2 Sep to 20 Oct with the National Day holiday (1–8 Oct) and its make-up days (28 Sep, 11 Oct) counted by the calendar
        assertThat(late.get(0).workingDays()).isEqualTo(31);
        assertThat(late.get(0).limit()).isEqualTo(20);
    }

    @Test
    void theOfficeExportsTheDashboardToExcelAndAClerkMayNotSeeIt() throws Exception {
        publish("2025年3月法定传染病疫情概况", code, "统计数据", LocalDate.of(2025, 4, 8), LocalDate.of(2025, 4, 17), List.of());
        byte[] xlsx = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/admin/compliance.xlsx")
                        .param("year", "2025").param("department", "" + department.id()).with(as("reviewer")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("周期性公开事项");
            assertThat(book.getSheetAt(0).getPhysicalNumberOfRows()).isEqualTo(13);
            var march = book.getSheetAt(0).getRow(3);
            assertThat(march.getCell(2).getStringCellValue()).isEqualTo("2025年3月");
            assertThat(march.getCell(3).getStringCellValue()).isEqualTo("2025-04-15");
            assertThat(march.getCell(5).getStringCellValue()).isEqualTo("超期发布");
            assertThat(march.getCell(6).getNumericCellValue()).isEqualTo(2.0);
        }
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/admin/compliance").with(as("clerk")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isForbidden());
    }
}
