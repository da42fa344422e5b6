package org.gongkai.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.reporting.AnnualReport;
import org.gongkai.reporting.AnnualReports;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The demo's 2025 annual report, written by the office and published on 22 January 2026, before the 31 January deadline.
 * It runs after the request demo (60) so that Table 3 has the year's requests. Idempotent.
 */
@Component
@Profile("demo")
@Order(70)
class AnnualReportDemoData implements ApplicationRunner {

    private static final int YEAR = 2025;

    private final AnnualReports reports;
    private final WorkflowDemoData workflow;
    private final IdentityManagement identity;
    private final JdbcTemplate jdbc;

    AnnualReportDemoData(AnnualReports reports, WorkflowDemoData workflow, IdentityManagement identity, JdbcTemplate jdbc) {
        this.reports = reports;
        this.workflow = workflow;
        this.identity = identity;
        this.jdbc = jdbc;
    }

    /** Not one transaction: each step commits, so that the workflow reads the edition as the previous step left it. */
    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.queryForObject("select count(*) from annual_report where year = ?", Integer.class, YEAR) > 0
                || identity.principal("office").isEmpty()) {
            return;
        }
        StaffPrincipal office = identity.principal("office").orElseThrow();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(office, null, office.getAuthorities()));
        try {
            long edition = reports.generate(YEAR, office);
            long version = jdbc.queryForObject("select version from annual_report where year = ?", Long.class, YEAR);
            String overview = reports.report(YEAR).overview() + "\n"
                    + "（一）主动公开。围绕疫情防控、医疗服务、卫生监督等重点领域，按公开事项标准目录按时发布法定传染病疫情、生活饮用水水质、"
                    + "双随机抽查结果等信息，政策文件同步发布解读。\n"
                    + "（二）依申请公开。严格按照法定时限答复，答复书载明救济途径，全年未发生因答复超期引起的行政复议。\n"
                    + "（三）平台建设。门户网站信息公开专栏实现手机浏览和长者模式，服务大厅张贴栏目二维码。";
            reports.save(YEAR, version, new AnnualReports.Input(overview,
                    "一是部分统计数据发布不够及时；二是政策解读形式较为单一。下一步将建立周期性公开事项提醒机制，增加图解、问答等解读形式。",
                    "本年度未收取信息处理费。",
                    new AnnualReport.Figures(0, 0, 0, 236, 41, 3, BigDecimal.ZERO, List.of(1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))),
                    office);
            jdbc.update("update edition set written_on = ? where id = ?", LocalDate.of(2026, 1, 20), edition);
        } finally {
            SecurityContextHolder.clearContext();
        }
        long edition = jdbc.queryForObject("select edition_id from annual_report where year = ?", Long.class, YEAR);
        workflow.publishOn(edition, LocalDateTime.of(2026, 1, 22, 10, 0));
    }
}
