package org.gongkai.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

/** Templates, data tables, import, downloads, scoping and audit through the console, on the real database. */
class TablesIntegrationTests extends AbstractIntegrationTest {

    long templateId(String name) {
        return jdbc.queryForObject("select id from table_template where name = ?", Long.class, name);
    }

    long createTable(String clerk, String template, String caption) throws Exception {
        String location = mvc.perform(post("/admin/tables/new").with(as(clerk)).with(csrf())
                        .param("templateId", String.valueOf(templateId(template))).param("caption", caption).param("cadence", "HALF_YEARLY"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    int rows(long tableId) {
        return jdbc.queryForObject("select count(*) from data_table_row where table_id = ?", Integer.class, tableId);
    }

    @Test
    void theSevenSeedTemplatesAndTheDemoTablesExist() {
        assertThat(jdbc.queryForList("select name from table_template", String.class)).contains("疾病应急救助个案", "双随机抽查结果",
                "行政处罚决定", "医疗卫生资源概况", "医疗机构名录", "短缺药品清单", "生活饮用水水质监测");
        // the demo workflow publishes some of them with items (owner EDITION); all four exist
        assertThat(jdbc.queryForObject("select count(*) from data_table where caption in "
                + "('2025年下半年疾病应急救助个案', '医疗卫生资源概况（2021—2025年）', '2026年行政处罚决定信息', "
                + "'2026年第一季度城镇集中式供水水质监测结果')", Integer.class)).isEqualTo(4);
        assertThat(jdbc.queryForObject("select chart is not null from data_table where caption = '医疗卫生资源概况（2021—2025年）'",
                Boolean.class)).isTrue();
    }

    @Test
    void anXlsxWithOneBadIdNumberIsReportedByRowAndColumnAndNothingIsImportedUntilFixed() throws Exception {
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        long id = createTable(clerk, "疾病应急救助个案", "导入测试" + UUID.randomUUID());
        byte[] bad = TableFiles.xlsx(TableFiles.RELIEF_HEADER, TableFiles.reliefRows(true));
        String report = mvc.perform(multipart("/admin/tables/" + id + "/import")
                        .file(new MockMultipartFile("file", "救助个案.xlsx", "application/octet-stream", bad))
                        .with(as(clerk)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(report).contains("导入未完成", "未导入任何数据", "<td class=\"num\">3</td>", "<td>身份证号</td>",
                "不是有效的居民身份证号");
        assertThat(report).contains("<title>错误：");
        assertThat(rows(id)).isZero();

        byte[] fixed = TableFiles.xlsx(TableFiles.RELIEF_HEADER, TableFiles.reliefRows(false));
        mvc.perform(multipart("/admin/tables/" + id + "/import")
                        .file(new MockMultipartFile("file", "救助个案.xlsx", "application/octet-stream", fixed))
                        .with(as(clerk)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(rows(id)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select cells->>'admitted_on' from data_table_row where table_id = ? and position = 3",
                String.class, id)).isEqualTo("2026-03-01");
        String page = mvc.perform(get("/admin/tables/" + id).with(as(clerk))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("张*", "欧阳**", "4401**********215X", "138****5678", "广州市海珠区…", "1101*******1002")
                .doesNotContain("44010619850312215X", "13812345678", "6222021234567890128", "江南大道中");
    }

    @Test
    void aCsvWithByteOrderMarkImportsAndUnknownColumnsAreRefused() throws Exception {
        String clerk = TestAccounts.create(jdbc, "疾病预防控制科", "CLERK");
        long id = createTable(clerk, "生活饮用水水质监测", "CSV测试" + UUID.randomUUID());
        String csv = "\uFEFF监测点,水样类型,所在区,采样日期,检测指标（项）,合格指标（项）,评价结果,超标指标\r\n"
                + "西村水厂,出厂水,荔湾区,2026-01-15,43,43,合格,\r\n\"石门水厂, 一期\",出厂水,白云区,2026年1月16日,43,42,不合格,浑浊度\r\n";
        mvc.perform(multipart("/admin/tables/" + id + "/import")
                        .file(new MockMultipartFile("file", "水质.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(as(clerk)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(rows(id)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select cells->>'site' from data_table_row where table_id = ? and position = 2",
                String.class, id)).isEqualTo("石门水厂, 一期");

        String wrong = "监测点,水样类型,所在区,采样日期,检测指标（项）,合格指标（项）,评价结果,超标指标,电话\r\n甲,出厂水,荔湾区,2026-01-15,43,43,合格,,1\r\n";
        String report = mvc.perform(multipart("/admin/tables/" + id + "/import")
                        .file(new MockMultipartFile("file", "水质.csv", "text/csv", wrong.getBytes(StandardCharsets.UTF_8)))
                        .with(as(clerk)).with(csrf()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(report).contains("模板中没有该列", "<td>电话</td>");
        assertThat(rows(id)).isEqualTo(2);
    }

    @Test
    void theGridSavesAllRowsOrNone() throws Exception {
        String clerk = TestAccounts.create(jdbc, "疾病预防控制科", "CLERK");
        long id = createTable(clerk, "医疗卫生资源概况", "网格测试" + UUID.randomUUID());
        var request = post("/admin/tables/" + id + "/rows/new").with(as(clerk)).with(csrf()).param("version", "0")
                .param("r0.present", "1").param("r0.year", "2024").param("r0.institutions", "5461").param("r0.beds", "108350")
                .param("r0.health_workers", "171960").param("r0.beds_per_1000", "5.66")
                .param("r1.present", "1").param("r1.year", "二〇二五").param("r1.institutions", "5527").param("r1.beds", "")
                .param("r1.health_workers", "178300").param("r1.beds_per_1000", "5.82")
                .param("r2.present", "1");
        String page = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("第2行“年份”：应为整数", "第2行“床位数（张）”：必填", "共 2 处错误");
        assertThat(rows(id)).isZero();

        mvc.perform(post("/admin/tables/" + id + "/rows/new").with(as(clerk)).with(csrf()).param("version", "0")
                        .param("r0.present", "1").param("r0.year", "2024").param("r0.institutions", "5,461").param("r0.beds", "108350")
                        .param("r0.health_workers", "171960").param("r0.beds_per_1000", "5.66").param("r1.present", "1"))
                .andExpect(status().is3xxRedirection());
        assertThat(rows(id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select cells->>'institutions' from data_table_row where table_id = ?", String.class, id))
                .isEqualTo("5461");
    }

    @Test
    void theFillInTemplateHasHeadersAndDataValidation() throws Exception {
        byte[] body = mvc.perform(get("/admin/table-templates/" + templateId("疾病应急救助个案") + "/template.xlsx").with(as("clerk")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            XSSFSheet sheet = book.getSheetAt(0);
            List<String> header = new java.util.ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertThat(header).isEqualTo(TableFiles.RELIEF_HEADER);
            List<? extends DataValidation> validations = sheet.getDataValidations();
            assertThat(validations).anySatisfy(v -> {
                assertThat(v.getValidationConstraint().getValidationType()).isEqualTo(DataValidationConstraint.ValidationType.LIST);
                assertThat(v.getValidationConstraint().getExplicitListValues()).containsExactly("男", "女");
                assertThat(v.getRegions().getCellRangeAddress(0).getFirstColumn()).isEqualTo(1);
            });
            assertThat(validations).anySatisfy(v -> assertThat(v.getValidationConstraint().getValidationType())
                    .isEqualTo(DataValidationConstraint.ValidationType.DATE));
            assertThat(validations).anySatisfy(v -> assertThat(v.getValidationConstraint().getValidationType())
                    .isEqualTo(DataValidationConstraint.ValidationType.DECIMAL));
        }
        byte[] resources = mvc.perform(get("/admin/table-templates/" + templateId("医疗卫生资源概况") + "/template.xlsx").with(as("clerk")))
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(resources))) {
            assertThat(book.getSheetAt(0).getDataValidations()).anySatisfy(v -> assertThat(v.getValidationConstraint()
                    .getValidationType()).isEqualTo(DataValidationConstraint.ValidationType.INTEGER));
        }
    }

    @Test
    void clerksSeeOnlyTheirDepartmentAndRawPersonalDataViewsAreAudited() throws Exception {
        long relief = jdbc.queryForObject("select id from data_table where caption = '2025年下半年疾病应急救助个案'", Long.class);
        String otherClerk = TestAccounts.create(jdbc, "疾病预防控制科", "CLERK");
        mvc.perform(get("/admin/tables/" + relief).with(as(otherClerk))).andExpect(status().isNotFound());
        mvc.perform(get("/admin/tables/" + relief + "/raw").with(as(otherClerk))).andExpect(status().isNotFound());
        String list = mvc.perform(get("/admin/tables").with(as(otherClerk))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).doesNotContain("2025年下半年疾病应急救助个案");

        String reviewer = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        int before = jdbc.queryForObject("select count(*) from audit_event where action = 'tables.raw.view' and object_id = ?",
                Integer.class, String.valueOf(relief));
        String preview = mvc.perform(get("/admin/tables/" + relief).with(as(reviewer))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(preview).contains("4401**********");
        String someId = jdbc.queryForObject("select cells->>'id_number' from data_table_row where table_id = ? order by position limit 1",
                String.class, relief);
        assertThat(preview).doesNotContain(someId);
        String raw = mvc.perform(get("/admin/tables/" + relief + "/raw").with(as(reviewer))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(raw).contains(someId, "已记入审计日志");
        mvc.perform(get("/admin/tables/" + relief + "/raw.xlsx").with(as(reviewer))).andExpect(status().isOk());
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'tables.raw.view' and object_id = ?",
                Integer.class, String.valueOf(relief))).isEqualTo(before + 1);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'tables.raw.export' and object_id = ? and actor = ?",
                Integer.class, String.valueOf(relief), reviewer)).isEqualTo(1);
        // an approver may read the masked table but not the raw values
        String approver = TestAccounts.create(jdbc, "办公室", "APPROVER");
        mvc.perform(get("/admin/tables/" + relief).with(as(approver))).andExpect(status().isOk());
        mvc.perform(get("/admin/tables/" + relief + "/raw").with(as(approver))).andExpect(status().isNotFound());
    }

    @Test
    void editingATemplateInUseCreatesANewVersionAndKeepsTheTablesOnTheOldOne() throws Exception {
        String admin = TestAccounts.create(jdbc, "规划发展与信息化科", "SYSADMIN");
        String clerk = TestAccounts.create(jdbc, "药物政策与基本药物制度科", "CLERK");
        String name = "测试模板" + UUID.randomUUID().toString().substring(0, 8);
        String location = mvc.perform(post("/admin/table-templates/new").with(as(admin)).with(csrf()).param("name", name)
                        .param("c0.key", "drug").param("c0.label", "药品").param("c0.type", "TEXT").param("c0.rule", "SHOW")
                        .param("c0.required", "true")
                        .param("c1.key", "").param("c1.label", "").param("c1.type", "TEXT").param("c1.rule", "SHOW"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long templateId = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        long table = createTable(clerk, name, "用模板的表格");
        mvc.perform(post("/admin/table-templates/" + templateId).with(as(admin)).with(csrf()).param("versionNo", "1")
                        .param("c0.key", "drug").param("c0.label", "药品通用名").param("c0.type", "TEXT").param("c0.rule", "SHOW")
                        .param("c1.key", "holder").param("c1.label", "持有人身份证").param("c1.type", "ID_NUMBER").param("c1.rule", "HIDE"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("select max(version_no) from table_template_version where template_id = ?", Integer.class,
                templateId)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select v.version_no from data_table d join table_template_version v on v.id = d.template_version_id where d.id = ?",
                Integer.class, table)).isEqualTo(1);
        // an ID-number column may not be published as is
        String page = mvc.perform(post("/admin/table-templates/" + templateId).with(as(admin)).with(csrf()).param("versionNo", "2")
                        .param("c0.key", "holder").param("c0.label", "身份证").param("c0.type", "ID_NUMBER").param("c0.rule", "SHOW"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("身份证号、电话、银行账号列只能脱敏公开或不公开");
        mvc.perform(get("/admin/table-templates").with(as(clerk))).andExpect(status().isForbidden());
    }

    @Test
    void theReviewerScanFindsAnIdNumberTypedIntoATextColumn() throws Exception {
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        long id = createTable(clerk, "疾病应急救助个案", "扫描测试" + UUID.randomUUID());
        mvc.perform(post("/admin/tables/" + id + "/rows/new").with(as(clerk)).with(csrf()).param("version", "0")
                        .param("r0.present", "1").param("r0.name", "王五").param("r0.gender", "男").param("r0.id_number", "110105491231002")
                        .param("r0.disease", "脑出血").param("r0.hospital", "市一医院").param("r0.admitted_on", "2026-01-02")
                        .param("r0.amount", "100").param("r0.remark", "家属王六身份证44010619850312215X，电话13912345678"))
                .andExpect(status().is3xxRedirection());
        String reviewer = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        String page = mvc.perform(get("/admin/tables/" + id + "/scan").with(as(reviewer))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("发现 2 处疑似个人信息", "4401**********215X", "139****5678", "第1行 备注")
                .doesNotContain("44010619850312215X", "13912345678");
    }

    @Test
    void theResourcesChartCarriesTheTablesOwnNumbers() throws Exception {
        long id = jdbc.queryForObject("select id from data_table where caption = '医疗卫生资源概况（2021—2025年）'", Long.class);
        String page = mvc.perform(get("/admin/tables/" + id).with(as("clerk2"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("data-chart-option=", "/webjars/echarts/5.3.1/dist/echarts.min-", "/js/table-chart-",
                "&quot;data&quot;:[&quot;2021&quot;,&quot;2022&quot;,&quot;2023&quot;,&quot;2024&quot;,&quot;2025&quot;]",
                "&quot;data&quot;:[5.24,5.36,5.51,5.66,5.82]", "<td class=\"num\">5.82</td>");
        assertThat(page).doesNotContain("<script>");
        mvc.perform(get("/webjars/echarts/5.3.1/dist/echarts.min.js")).andExpect(status().isOk());
    }
}
