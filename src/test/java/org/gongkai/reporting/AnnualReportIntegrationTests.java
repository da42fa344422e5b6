package org.gongkai.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.gongkai.AbstractIntegrationTest;
import org.gongkai.requests.ApplicantCategory;
import org.gongkai.requests.Table3Row;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

class AnnualReportIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    AnnualReports reports;

    void request(ApplicantCategory category, String state, LocalDate received, LocalDate finished, String replyType, String ground) {
        boolean withdrawn = state.endsWith("WITHDRAWN");
        jdbc.update("""
                insert into info_request (number, query_code_hash, channel, applicant_kind, applicant_category, applicant_name, id_type,
                    id_number, phone, address, info_name, info_description, provision_form, obtain_way, state, submitted_at, received_on,
                    clock_start_on, replied_on, reply_type, reply_ground, withdrawn_on)
                values (?, 'x', 'WEB', ?, ?, '测试', 'RESIDENT_ID', '0', '0', '地址', '年报测试', '年报测试', 'EMAIL', 'EMAIL', ?, now(), ?, ?, ?, ?, ?, ?)""",
                "T" + UUID.randomUUID().toString().substring(0, 12), category == ApplicantCategory.NATURAL_PERSON ? "PERSON" : "ORGANISATION",
                category.name(), state, received, received, withdrawn ? null : finished, replyType, ground, withdrawn ? finished : null);
    }

    @Test
    void table3OfAYearOfRequestsHasEveryCellRight() {
        LocalDate lastYear = LocalDate.of(2018, 12, 20);
        LocalDate in2019 = LocalDate.of(2019, 5, 6);
        LocalDate replied = LocalDate.of(2019, 6, 3);
        // before the year: finished before it (not counted), carried in and finished, carried in and still open
        request(ApplicantCategory.NATURAL_PERSON, "REPLIED", LocalDate.of(2018, 3, 1), LocalDate.of(2018, 4, 1), "DISCLOSED", null);
        request(ApplicantCategory.NATURAL_PERSON, "REPLIED", lastYear, LocalDate.of(2019, 1, 10), "DISCLOSED", null);
        request(ApplicantCategory.BUSINESS, "IN_PROGRESS", lastYear, null, null, null);
        // the year's own
        request(ApplicantCategory.NATURAL_PERSON, "REPLIED", in2019, replied, "DISCLOSED", null);
        request(ApplicantCategory.NATURAL_PERSON, "CLOSED", in2019, replied, "ALREADY_PUBLIC", null);
        request(ApplicantCategory.NATURAL_PERSON, "REPLIED", in2019, replied, "PARTLY_DISCLOSED", null);
        request(ApplicantCategory.NATURAL_PERSON, "REPLIED", in2019, replied, "NOT_DISCLOSED", "THIRD_PARTY_RIGHTS");
        request(ApplicantCategory.NATURAL_PERSON, "REPLIED", in2019, replied, "NOT_EXIST", null);
        request(ApplicantCategory.NATURAL_PERSON, "REPLIED", in2019, replied, "NOT_THIS_OFFICE", null);
        request(ApplicantCategory.NATURAL_PERSON, "REPLIED", in2019, replied, "REPEAT", null);
        request(ApplicantCategory.NATURAL_PERSON, "WITHDRAWN", in2019, replied, null, null);
        request(ApplicantCategory.NATURAL_PERSON, "DEEMED_WITHDRAWN", in2019, replied, null, null);
        request(ApplicantCategory.BUSINESS, "REPLIED", in2019, replied, "REQUIRES_PROCESSING", null);
        request(ApplicantCategory.BUSINESS, "REPLIED", in2019, replied, "NOT_A_REQUEST", null);
        request(ApplicantCategory.RESEARCH, "REPLIED", in2019, replied, "NOT_DISCLOSED", "STATE_SECRET");
        request(ApplicantCategory.SOCIAL_WELFARE, "IN_PROGRESS", LocalDate.of(2019, 12, 27), null, null, null);
        request(ApplicantCategory.LEGAL_SERVICE, "REPLIED", LocalDate.of(2019, 12, 20), LocalDate.of(2020, 1, 6), "DISCLOSED", null);
        request(ApplicantCategory.OTHER_ORG, "REPLIED", in2019, replied, "NOT_DISCLOSED", "PROCESS_INFORMATION");

        Map<Table3Row, Map<ApplicantCategory, Long>> expected = new EnumMap<>(Table3Row.class);
        for (Table3Row row : Table3Row.values()) {
            expected.put(row, new EnumMap<>(ApplicantCategory.class));
        }
        ApplicantCategory person = ApplicantCategory.NATURAL_PERSON;
        put(expected, Table3Row.NEW_RECEIVED, person, 9);
        put(expected, Table3Row.NEW_RECEIVED, ApplicantCategory.BUSINESS, 2);
        put(expected, Table3Row.NEW_RECEIVED, ApplicantCategory.RESEARCH, 1);
        put(expected, Table3Row.NEW_RECEIVED, ApplicantCategory.SOCIAL_WELFARE, 1);
        put(expected, Table3Row.NEW_RECEIVED, ApplicantCategory.LEGAL_SERVICE, 1);
        put(expected, Table3Row.NEW_RECEIVED, ApplicantCategory.OTHER_ORG, 1);
        put(expected, Table3Row.CARRIED_OVER, person, 1);
        put(expected, Table3Row.CARRIED_OVER, ApplicantCategory.BUSINESS, 1);
        put(expected, Table3Row.DISCLOSED, person, 3);
        put(expected, Table3Row.PARTLY_DISCLOSED, person, 1);
        put(expected, Table3Row.NOT_DISCLOSED_THIRD_PARTY_RIGHTS, person, 1);
        put(expected, Table3Row.UNABLE_NOT_HELD, person, 2);
        put(expected, Table3Row.NOT_HANDLED_REPEAT, person, 1);
        put(expected, Table3Row.OTHER_OTHER, person, 1);
        put(expected, Table3Row.OTHER_NO_CORRECTION, person, 1);
        put(expected, Table3Row.UNABLE_NEEDS_PROCESSING, ApplicantCategory.BUSINESS, 1);
        put(expected, Table3Row.NOT_HANDLED_PETITION, ApplicantCategory.BUSINESS, 1);
        put(expected, Table3Row.NOT_DISCLOSED_STATE_SECRET, ApplicantCategory.RESEARCH, 1);
        put(expected, Table3Row.NOT_DISCLOSED_PROCESS_INFORMATION, ApplicantCategory.OTHER_ORG, 1);
        put(expected, Table3Row.TOTAL, person, 10);
        put(expected, Table3Row.TOTAL, ApplicantCategory.BUSINESS, 2);
        put(expected, Table3Row.TOTAL, ApplicantCategory.RESEARCH, 1);
        put(expected, Table3Row.TOTAL, ApplicantCategory.OTHER_ORG, 1);
        put(expected, Table3Row.CARRIED_FORWARD, ApplicantCategory.BUSINESS, 1);
        put(expected, Table3Row.CARRIED_FORWARD, ApplicantCategory.SOCIAL_WELFARE, 1);
        put(expected, Table3Row.CARRIED_FORWARD, ApplicantCategory.LEGAL_SERVICE, 1);

        AnnualReport.Tallies tallies = reports.tallies(2019);
        for (Table3Row row : Table3Row.values()) {
            long total = 0;
            for (ApplicantCategory c : ApplicantCategory.values()) {
                long want = expected.get(row).getOrDefault(c, 0L);
                assertThat(tallies.table3(row, c)).as("%s / %s", row, c).isEqualTo(want);
                total += want;
            }
            assertThat(tallies.table3Total(row)).as("%s / 总计", row).isEqualTo(total);
        }
        assertThat(tallies.table3Total(Table3Row.NEW_RECEIVED)).isEqualTo(15);
        assertThat(tallies.table3Total(Table3Row.TOTAL)).isEqualTo(14);
        assertThat(tallies.table3Total(Table3Row.CARRIED_FORWARD)).isEqualTo(3);
        assertThat(tallies.table3Mismatches()).isEmpty();
    }

    static void put(Map<Table3Row, Map<ApplicantCategory, Long>> table, Table3Row row, ApplicantCategory c, long n) {
        table.get(row).put(c, n);
    }

    @Test
    void aBrokenIdentityIsNamedPerColumn() {
        Map<Table3Row, Map<ApplicantCategory, Long>> table = new EnumMap<>(Table3Row.class);
        for (Table3Row row : Table3Row.values()) {
            Map<ApplicantCategory, Long> columns = new EnumMap<>(ApplicantCategory.class);
            for (ApplicantCategory c : ApplicantCategory.values()) {
                columns.put(c, 0L);
            }
            table.put(row, columns);
        }
        table.get(Table3Row.NEW_RECEIVED).put(ApplicantCategory.RESEARCH, 2L);
        table.get(Table3Row.DISCLOSED).put(ApplicantCategory.RESEARCH, 1L);
        table.get(Table3Row.TOTAL).put(ApplicantCategory.RESEARCH, 1L);
        var problems = AnnualReports.mismatches(new AnnualReport.Tallies(0, 0, 0, table, List.of(), 0, 0));
        assertThat(problems).containsExactly("科研机构：新收2 + 上年结转0 ≠ 办理总计1 + 结转下年度0", "总计：新收2 + 上年结转0 ≠ 办理总计1 + 结转下年度0");
    }

    MockHttpServletRequestBuilder save(int year, String... table4) {
        long version = jdbc.queryForObject("select version from annual_report where year = ?", Long.class, year);
        var request = post("/admin/reports/annual/{y}", year).with(csrf()).with(as("office")).param("version", "" + version)
                .param("overview", "总体情况").param("problems", "存在的问题：政策解读形式单一。").param("other", "")
                .param("rulesIssued", "0").param("rulesRepealed", "0").param("rulesInForce", "0").param("licences", "120")
                .param("penalties", "35").param("enforcement", "2").param("fees", "0");
        for (String cell : table4) {
            request.param("table4", cell);
        }
        return request;
    }

    @Test
    void table4TotalsThatDoNotAddUpAreRefusedNextToTheFieldAndNothingIsSaved() throws Exception {
        jdbc.update("delete from annual_report where year = 2018");
        mvc.perform(post("/admin/reports/annual/generate").with(csrf()).with(as("office")).param("year", "2018"))
                .andExpect(status().is3xxRedirection());
        String before = jdbc.queryForObject("select figures::text from annual_report where year = 2018", String.class);
        mvc.perform(save(2018, "1", "0", "0", "1", "3", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("行政复议的“总计”不等于"),
                        Matchers.containsString("<title>错误："))));
        assertThat(jdbc.queryForObject("select figures::text from annual_report where year = 2018", String.class)).isEqualTo(before);
        mvc.perform(save(2018, "1", "0", "0", "1", "2", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("select figures ->> 'licences' from annual_report where year = 2018", String.class)).isEqualTo("120");
        // another department's clerk cannot see it
        mvc.perform(get("/admin/reports/annual/2018").with(as("clerk"))).andExpect(status().isNotFound());
    }

    @Test
    void theGeneratedItemCarriesTheOfficialTablesAsHtmlPdfDocxAndXlsx() throws Exception {
        jdbc.update("delete from annual_report where year = 2017");
        mvc.perform(post("/admin/reports/annual/generate").with(csrf()).with(as("office")).param("year", "2017"))
                .andExpect(status().is3xxRedirection());
        long edition = jdbc.queryForObject("select edition_id from annual_report where year = 2017", Long.class);
        String body = jdbc.queryForObject("select body_html from edition where id = ?", String.class, edition);
        assertThat(body).contains("<caption>表一　主动公开政府信息情况</caption>", "<caption>表二　收到和处理政府信息公开申请情况</caption>",
                "<caption>表三　政府信息公开行政复议、行政诉讼情况</caption>", "rowspan=\"22\"", "行政规范性文件", "四、结转下年度继续办理");
        List<String> files = jdbc.queryForList("select filename || ' ' || media_type from edition_attachment where edition_id = ? order by position",
                String.class, edition);
        assertThat(files).hasSize(3);
        assertThat(files.get(0)).endsWith(".pdf application/pdf");
        assertThat(files.get(1)).contains(".docx");
        assertThat(files.get(2)).contains(".xlsx");
        byte[] pdf = jdbc.queryForObject("select content from edition_attachment where edition_id = ? and position = 1", byte[].class, edition);
        try (var document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("2017年政府信息公开工作年度报告", "收到和处理政府信息公开申请情况", "复议后起诉", "年度报告格式》");
            // a tagged PDF: a structure tree, marked content, the title shown and the language set
            var catalog = document.getDocumentCatalog();
            assertThat(catalog.getStructureTreeRoot()).isNotNull();
            assertThat(catalog.getStructureTreeRoot().getKids()).isNotEmpty();
            assertThat(catalog.getMarkInfo()).isNotNull();
            assertThat(catalog.getMarkInfo().isMarked()).isTrue();
            assertThat(catalog.getLanguage()).isEqualTo("zh-CN");
            assertThat(document.getDocumentInformation().getTitle()).contains("2017年政府信息公开工作年度报告");
        }
        byte[] docx = jdbc.queryForObject("select content from edition_attachment where edition_id = ? and position = 2", byte[].class, edition);
        try (var word = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(docx))) {
            // the opening paragraph the PDF and the page have, right after the title
            assertThat(word.getParagraphs().get(1).getText()).startsWith("本报告根据《中华人民共和国政府信息公开条例》").contains("2017年12月31日止");
        }
        byte[] xlsx = jdbc.queryForObject("select content from edition_attachment where edition_id = ? and position = 3", byte[].class, edition);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var formatter = new org.apache.poi.ss.usermodel.DataFormatter();
            for (var sheet : book) {
                for (var row : sheet) {
                    for (var cell : row) {
                        if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
                            assertThat(formatter.formatCellValue(cell)).as("a count shows as an integer").doesNotContain(".");
                        }
                    }
                }
            }
        }
        // a draft report is nowhere public
        mvc.perform(get("/reports/annual")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("2017年政府信息公开工作年度报告"))));
    }

    @Autowired
    Obligations obligations;

    @Test
    void theDemoPublishedThe2025ReportOnTime() throws Exception {
        var snapshot = jdbc.queryForMap("""
                select s.written_on, (d.first_published_at at time zone 'Asia/Shanghai')::date as published, s.body_html
                from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                where s.title = '示范市卫生健康委员会2025年政府信息公开工作年度报告'""");
        assertThat(snapshot.get("written_on").toString()).isEqualTo("2026-01-20");
        assertThat(snapshot.get("published").toString()).isEqualTo("2026-01-22");
        assertThat(snapshot.get("body_html").toString()).contains("本年度未收取信息处理费", "<td colspan=\"3\">236</td>");
        mvc.perform(get("/reports/annual")).andExpect(content().string(Matchers.containsString("2025年政府信息公开工作年度报告")));
        var report = obligations.dashboard(2025, null, LocalDate.of(2026, 6, 1)).obligations().stream()
                .filter(o -> o.matter().equals("政府信息公开工作年度报告")).findFirst().orElseThrow();
        assertThat(report.due()).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(report.status()).isEqualTo(Obligations.Status.ON_TIME);
    }
}
