package org.gongkai.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

/** The medical-resource table is published with its chart, and the chart's numbers are the table's. */
class PublishedChartIntegrationTests extends AbstractIntegrationTest {

    @Test
    void theResourceCountsRenderAsAChartWhoseNumbersMatchTheTable() throws Exception {
        Map<String, Object> table = jdbc.queryForMap("""
                select t.id, d.name as department from data_table t join department d on d.id = t.department_id
                where t.caption = '医疗卫生资源概况（2021—2025年）' and t.owner_type = 'STANDALONE'""");
        long tableId = ((Number) table.get("id")).longValue();
        String clerk = TestAccounts.create(jdbc, (String) table.get("department"), "CLERK");
        long node = jdbc.queryForObject("select id from catalogue_node where code = 'ylzy-zygk'", Long.class);
        String title = "示范市医疗卫生资源概况（2021—2025年）";
        mvc.perform(post("/admin/documents/new").with(csrf()).with(as(clerk)).param("title", title).param("catalogueNodeId", "" + node)
                .param("bodyHtml", "<p>全市医疗卫生资源情况如下。</p>"));
        long edition = jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
        mvc.perform(post("/admin/documents/{id}/tables", edition).with(csrf()).with(as(clerk)).param("tableId", "" + tableId));
        mvc.perform(post("/admin/documents/{id}/submit", edition).with(csrf()).with(as(clerk)));
        mvc.perform(WorkflowIntegrationTests.pass(edition).with(as("reviewer")));
        String publicId = jdbc.queryForObject("select d.public_id from document d join edition e on e.document_id = d.id where e.id = ?",
                String.class, edition);

        String page = mvc.perform(get("/items/{id}", publicId)).andReturn().getResponse().getContentAsString();
        Matcher option = Pattern.compile("data-chart-option=\"([^\"]*)\"").matcher(page);
        assertThat(option.find()).as("the item page carries a chart").isTrue();
        String chart = HtmlUtils.htmlUnescape(option.group(1));
        String csv = mvc.perform(get("/items/{id}/data.csv", publicId)).andReturn().getResponse().getContentAsString();
        List<String> lines = csv.lines().skip(1).toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            String year = line.split(",")[0].replace("\uFEFF", "");
            assertThat(chart).as("every category of the table is in the chart").contains(year);
        }
        // every number the chart draws is a number of the table
        Matcher numbers = Pattern.compile("\"data\":\\[([^\\]]*)\\]").matcher(chart);
        int series = 0;
        while (numbers.find()) {
            for (String value : numbers.group(1).split(",")) {
                String v = value.replace("\"", "").strip();
                if (!v.isEmpty() && v.matches("-?[0-9.]+")) {
                    assertThat(csv).as("chart value " + v).contains(v);
                }
            }
            series++;
        }
        assertThat(series).isPositive();
    }
}
