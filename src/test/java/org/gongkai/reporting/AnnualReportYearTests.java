package org.gongkai.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;

import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 条例第50条: the report on year Y is drafted any time, submitted for review from 1 January of Y+1 and due by 31 January of Y+1;
 * the compliance dashboard counts a report published before its year ended as not done.
 */
class AnnualReportYearTests extends AbstractIntegrationTest {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired
    Obligations obligations;
    @Autowired
    PublicationWriter writer;
    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void forgetThe2026Report() {
        // the submitted edition would otherwise wait in the review queue under the title other tests look for
        jdbc.update("""
                update edition set state = 'DISCARDED' where state in ('DRAFT', 'SUBMITTED') and id in (select edition_id from annual_report where year = 2026)""");
        jdbc.update("delete from annual_report where year = 2026");
    }

    @Test
    void theCurrentYearsReportCanBeDraftedButNotSubmittedBeforeTheFirstOfJanuary() throws Exception {
        jdbc.update("delete from annual_report where year = 2026");
        testClock.fix(LocalDate.of(2026, 11, 29));
        // the form proposes the last ended year without a report; 2025's is in the demo data
        String list = mvc.perform(get("/admin/reports/annual").with(as("office"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).doesNotContain("value=\"2026\"").doesNotContain("value=\"2025\"").contains("次年1月1日以后提交审查");
        mvc.perform(post("/admin/reports/annual/generate").with(csrf()).with(as("office")).param("year", "2026"));
        long edition = jdbc.queryForObject("select edition_id from annual_report where year = 2026", Long.class);
        assertThat(mvc.perform(get("/admin/reports/annual/2026").with(as("office"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("本年度尚未结束", "2027-01-01", "2027-01-31");

        mvc.perform(post("/admin/documents/" + edition + "/submit").with(csrf()).with(as("office")))
                .andExpect(flash().attribute("alert", "report.error.yearNotEnded"));
        assertThat(state(edition)).isEqualTo("DRAFT");
        testClock.fix(LocalDate.of(2026, 12, 31));
        mvc.perform(post("/admin/documents/" + edition + "/submit").with(csrf()).with(as("office")))
                .andExpect(flash().attribute("alert", "report.error.yearNotEnded"));
        assertThat(state(edition)).isEqualTo("DRAFT");

        testClock.fix(LocalDate.of(2027, 1, 1), java.time.LocalTime.of(0, 30));
        mvc.perform(post("/admin/documents/" + edition + "/submit").with(csrf()).with(as("office")))
                .andExpect(flash().attribute("notice", "workflow.submitted"));
        assertThat(state(edition)).isEqualTo("SUBMITTED");
        // in 2027 with no 2026 report the form proposes 2026
        forgetThe2026Report();
        assertThat(mvc.perform(get("/admin/reports/annual").with(as("office"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("value=\"2026\"");
    }

    @Test
    void theDashboardCountsTheReportOnBothSidesOfTheThirtyFirstOfJanuary() {
        Department department = PublicationFixtures.newDepartment(jdbc);
        String code = "r-" + UUID.randomUUID().toString().substring(0, 8);
        long matter = jdbc.queryForObject("""
                insert into disclosure_matter (name, legal_basis, content, responsible_department_id, time_limit, methods, level, stage,
                    cadence, yearly_due)
                values (?, '《政府信息公开条例》第五十条', '年度报告', ?, '每年1月31日前', '网站', '市', '结果', 'YEARLY', '01-31') returning id""",
                Long.class, "测试年度报告" + code, department.id());
        jdbc.update("insert into catalogue_node (code, name, disclosure_matter_id) values (?, ?, ?)", code, "测试年报" + code, matter);

        assertThat(report(department, LocalDate.of(2027, 1, 31)).status()).isEqualTo(Status.UPCOMING);
        assertThat(report(department, LocalDate.of(2027, 1, 31)).due()).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(report(department, LocalDate.of(2027, 2, 1)).status()).isEqualTo(Status.MISSING);

        // published on 2026-11-29, before the year ended: not the report on 2026
        publish(department, code, "2026年政府信息公开工作年度报告", LocalDate.of(2026, 11, 29));
        assertThat(report(department, LocalDate.of(2027, 1, 31)).status()).isEqualTo(Status.UPCOMING);
        assertThat(report(department, LocalDate.of(2027, 2, 1)).status()).isEqualTo(Status.MISSING);

        // published on 2027-01-20: on time, and stays so after 31 January
        publish(department, code, "2026年政府信息公开工作年度报告（正式）", LocalDate.of(2027, 1, 20));
        assertThat(report(department, LocalDate.of(2027, 1, 31)).status()).isEqualTo(Status.ON_TIME);
        assertThat(report(department, LocalDate.of(2027, 2, 1)).status()).isEqualTo(Status.ON_TIME);
        assertThat(report(department, LocalDate.of(2027, 2, 1)).published()).isEqualTo(LocalDate.of(2027, 1, 20));
    }

    private Obligation report(Department department, LocalDate today) {
        return obligations.dashboard(2026, department.id(), today).obligations().stream()
                .filter(o -> o.period().equals("2026年度")).findFirst().orElseThrow();
    }

    private void publish(Department department, String code, String title, LocalDate on) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Instant at = on.atTime(10, 0).atZone(CHINA).toInstant();
        transactions.execute(s -> writer.publish(new PublicationContent(id, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), 1,
                department.id(), department.creditCode(), at, false, null, title, null, on, null, null, code, "测试",
                null, "年度报告", null, "主动公开", department.name(), false, "<p>正文</p>", "正文", List.of(), List.of(), "[]")));
    }

    private String state(long edition) {
        return jdbc.queryForObject("select state from edition where id = ?", String.class, edition);
    }
}
