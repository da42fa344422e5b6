package org.gongkai.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.gongkai.AbstractIntegrationTest;
import org.gongkai.content.ColumnCadence;
import org.gongkai.publication.PublicationContent;
import org.gongkai.publication.PublicationFixtures;
import org.gongkai.publication.PublicationWriter;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The self-check's done-when cases of issue #20, on a fixed clock. */
class SiteInspectionIntegrationTests extends AbstractIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationEventPublisher catalogueEvents;

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired
    SiteInspection inspection;
    @Autowired
    ColumnReminders reminders;
    @Autowired
    ColumnCadence cadence;
    @Autowired
    InspectionRuns runs;
    @Autowired
    PublicationWriter publication;
    @Autowired
    TransactionTemplate tx;

    private void publish(PublicationContent content) {
        tx.executeWithoutResult(s -> publication.publish(content));
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Finding> findings(SiteInspection.Result result, String check) {
        return result.check(check).orElseThrow().findings();
    }

    @Test
    void aDynamicColumnWithNoItemFor15DaysFailsAndItsDepartmentWasRemindedBefore() {
        var department = PublicationFixtures.newDepartment(jdbc);
        String clerkName = TestAccounts.create(jdbc, department.name(), "CLERK");
        long clerk = jdbc.queryForObject("select id from staff_user where username = ?", Long.class, clerkName);
        var column = InspectionFixtures.column(jdbc, catalogueEvents, "DYNAMIC", department.id());
        LocalDate published = LocalDate.of(2026, 6, 1);
        publish(InspectionFixtures.item(department, column, "工作动态一则", "<p>召开专题会议。</p>",
                published.atTime(9, 0).atZone(CHINA).toInstant()));

        // day 10: fresh, nothing to say
        testClock.fix(published.plusDays(10));
        reminders.remind();
        assertThat(jdbc.queryForList("select title from notification where recipient_id = ?", String.class, clerk)).isEmpty();
        assertThat(findings(inspection.run(published.plusDays(10)), "staleColumns")).noneMatch(f -> f.subject().contains(column.name()));

        // day 12: within the three days before it goes stale, the department's clerk hears of it, once
        testClock.fix(published.plusDays(12));
        reminders.remind();
        reminders.remind();
        assertThat(jdbc.queryForList("select title from notification where recipient_id = ?", String.class, clerk))
                .containsExactly("栏目即将超期未更新：" + column.name());
        Finding soon = findings(inspection.run(published.plusDays(12)), "staleColumns").stream()
                .filter(f -> f.subject().contains(column.name())).findFirst().orElseThrow();
        assertThat(soon.status()).isEqualTo(CheckStatus.RISK);

        // day 15: more than the default two weeks without an item — 不合格, with its department and a link to fix it
        testClock.fix(published.plusDays(15));
        SiteInspection.Result result = inspection.run(published.plusDays(15));
        Finding stale = findings(result, "staleColumns").stream().filter(f -> f.subject().contains(column.name())).findFirst().orElseThrow();
        assertThat(stale.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(stale.detail()).contains("已 15 天未更新", "14 天");
        assertThat(stale.department()).isEqualTo(department.name());
        assertThat(stale.fixLink()).isEqualTo("/admin/inspection/columns/" + column.id());
        assertThat(result.check("staleColumns").orElseThrow().veto()).isTrue();

        // an item published that day clears the finding
        publish(InspectionFixtures.item(department, column, "工作动态二则", "<p>开展督导检查。</p>",
                published.plusDays(15).atTime(9, 0).atZone(CHINA).toInstant()));
        assertThat(findings(inspection.run(published.plusDays(15)), "staleColumns")).noneMatch(f -> f.subject().contains(column.name()));
    }

    @Test
    void aBlankColumnIsListedUnlessMarkedIntentionallyEmptyAndThePublicPageSaysWhy() throws Exception {
        var column = InspectionFixtures.column(jdbc, catalogueEvents, "STATIC", null);
        assertThat(findings(inspection.run(LocalDate.now(testClock)), "blankColumns"))
                .anySatisfy(f -> {
                    assertThat(f.subject()).contains(column.name());
                    assertThat(f.status()).isEqualTo(CheckStatus.FAIL);
                });

        String reason = "本机关本年度未作出行政许可决定（" + column.code() + "）";
        assertThat(cadence.markEmptyIfUnset(column.code(), reason)).isTrue();
        assertThat(findings(inspection.run(LocalDate.now(testClock)), "blankColumns")).noneMatch(f -> f.subject().contains(column.name()));
        mvc.perform(get("/catalogue/" + column.code())).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("本栏目暂无此类信息")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(reason)));
    }

    @Test
    void aDeadExternalLinkAndAnInternalLinkToAnUnpublishedItemAreListedWithTheirPages() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status = path.equals("/ok") ? 200 : path.equals("/moved") ? 301 : 404;
            if (status == 301) {
                exchange.getResponseHeaders().add("Location", "/ok");
            }
            byte[] body = "x".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String external = "http://127.0.0.1:" + server.getAddress().getPort();
            var department = PublicationFixtures.newDepartment(jdbc);
            var column = InspectionFixtures.column(jdbc, catalogueEvents, "STATIC", department.id());
            PublicationContent target = InspectionFixtures.item(department, column, "将被撤下的通知", "<p>内容。</p>", testClock.instant());
            publish(target);
            String title = "含链接的通知" + InspectionFixtures.shortId();
            PublicationContent page = InspectionFixtures.item(department, column, title,
                    "<p><a href=\"" + external + "/gone\">已失效的外部链接</a> <a href=\"/items/" + target.documentId()
                            + "\">相关通知</a> <a href=\"" + external + "/ok\">有效链接</a> <a href=\"" + external + "/moved\">迁移的链接</a></p>",
                    testClock.instant());
            publish(page);
            tx.executeWithoutResult(s -> publication.unpublish(target.documentId(), "误发", testClock.instant()));

            // the internal link answers 410 at once, before any crawl
            String pagePath = "/items/" + page.documentId();
            assertThat(inspection.linkStates()).anySatisfy(l -> {
                assertThat(l.url()).isEqualTo("/items/" + target.documentId());
                assertThat(l.pagePath()).isEqualTo(pagePath);
                assertThat(l.status()).isEqualTo(410);
                assertThat(l.dead()).isTrue();
            });

            // a crawl someone started by hand may hold the lock for a while: wait for our turn
            boolean crawled = false;
            for (int attempt = 0; attempt < 120 && !crawled; attempt++) {
                crawled = runs.crawl();
                if (!crawled) {
                    sleep();
                }
            }
            assertThat(crawled).isTrue();
            List<Finding> dead = findings(inspection.run(LocalDate.now(testClock)), "links");
            assertThat(dead).anySatisfy(f -> {
                assertThat(f.subject()).isEqualTo(external + "/gone");
                assertThat(f.detail()).contains(title, "404");
                assertThat(f.department()).isEqualTo(department.name());
                assertThat(f.pageLink()).isEqualTo(pagePath);
            });
            assertThat(dead).anySatisfy(f -> {
                assertThat(f.subject()).isEqualTo("/items/" + target.documentId());
                assertThat(f.detail()).contains(title, "410");
            });
            assertThat(dead).noneMatch(f -> f.subject().equals(external + "/ok") || f.subject().equals(external + "/moved"));
            assertThat(inspection.linkStates()).anySatisfy(l -> {
                assertThat(l.url()).isEqualTo(external + "/moved");
                assertThat(l.status()).isEqualTo(200);
                assertThat(l.redirectTo()).isEqualTo(external + "/ok");
            });
            // the crawl reached the home page of this node
            assertThat(inspection.run(LocalDate.now(testClock)).check("unreachable").orElseThrow().status()).isEqualTo(CheckStatus.PASS);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theDemoSitePassesItsOwnSelfCheckOnTheVetoItems() {
        SiteInspection.Result result = inspection.run(LocalDate.now(testClock));
        List<String> demoColumns = jdbc.queryForList("select code from catalogue_node where code !~ '^t-' and not retired", String.class);
        for (String check : List.of("blankColumns", "staleColumns")) {
            assertThat(findings(result, check)).as(check)
                    .noneMatch(f -> f.status() == CheckStatus.FAIL && demoColumns.stream().anyMatch(code -> f.subject().endsWith("（" + code + "）")));
        }
        for (String check : List.of("homeStale", "seriousErrors")) {
            assertThat(result.check(check).orElseThrow().status()).as(check).isNotEqualTo(CheckStatus.FAIL);
        }
        // the demo's own requests (one query code for all; other tests leave requests open on fixed past dates)
        List<String> demoRequests = jdbc.queryForList("""
                select '/admin/requests/' || id from info_request where query_code_hash = (select query_code_hash from info_request
                    where info_description = '示范数据：申请公开2024年度部门决算中“三公”经费支出明细。')""", String.class);
        assertThat(demoRequests).isNotEmpty();
        assertThat(findings(result, "interaction")).noneMatch(f -> f.status() == CheckStatus.FAIL && demoRequests.contains(f.fixLink()));
    }

    @Test
    void theOfficeSeesThePageAndTheReportAndAClerkDoesNot() throws Exception {
        mvc.perform(get("/admin/inspection").with(as("reviewer"))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("单项否决指标")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("空白栏目")));
        mvc.perform(get("/admin/inspection/report").with(as("sysadmin"))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("季度网站自查报告")));
        byte[] xlsx = mvc.perform(get("/admin/inspection/report.xlsx").param("quarter", "2026-Q3").with(as("approver")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheet("检查结果").getRow(1).getCell(1).getStringCellValue()).isEqualTo("站点无法访问");
            assertThat(book.getSheet("问题清单")).isNotNull();
        }
        mvc.perform(get("/admin/inspection").with(as("clerk"))).andExpect(status().isForbidden());
    }
}
