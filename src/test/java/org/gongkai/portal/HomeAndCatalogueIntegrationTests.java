package org.gongkai.portal;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.gongkai.AbstractIntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** The home page and the catalogue, on the demo documents the workflow published. */
class HomeAndCatalogueIntegrationTests extends AbstractIntegrationTest {

    @Test
    void theHomePageShowsEmergencyNoticesFirstThenTheLatestAndTheColumns() throws Exception {
        String page = mvc.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(page)
                .contains("应急信息", "关于近期登革热疫情防控的紧急提示", "最新公开", "公共卫生", "role=\"search\"")
                .doesNotContain(draftedReport())                        // a draft
                .doesNotContain("行政处罚决定书（误发）");                // unpublished
        org.assertj.core.api.Assertions.assertThat(page.indexOf("关于近期登革热疫情防控的紧急提示"))
                .isLessThan(page.indexOf("最新公开"));
    }

    /** The monthly report the demo data left as a draft: last month's, as of the day the demo data was loaded. */
    private String draftedReport() {
        return jdbc.queryForObject("select title from edition where state = 'DRAFT' and title like '%法定传染病疫情概况'"
                + " order by id limit 1", String.class);
    }

    @Test
    void aColumnListsItsAndItsSubColumnsPublishedItemsWithFiltersAndPages() throws Exception {
        mvc.perform(get("/catalogue")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("疑似预防接种异常反应监测"),
                        Matchers.containsString("/catalogue/jdzf-sjs"))));
        mvc.perform(get("/catalogue/ggws")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("法定传染病疫情概况"),
                        Matchers.containsString("生活饮用水水质监测情况"), Matchers.containsString("下一页"))));
        mvc.perform(get("/catalogue/ggws").param("year", "2024").param("genre", "统计数据"))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("2024年3月法定传染病疫情概况"),
                        Matchers.not(Matchers.containsString("2025年3月法定传染病疫情概况")))));
        mvc.perform(get("/catalogue/zcwj-gfxwj").param("validity", "REPEALED"))
                .andExpect(content().string(Matchers.containsString("示范市医疗机构校验管理实施细则（试行）")));
        mvc.perform(get("/catalogue/no-such-column")).andExpect(status().isNotFound());
    }

    @Test
    void searchingVaccinesFindsTheAefiReport() throws Exception {
        mvc.perform(get("/search").param("q", "疫苗"))
                .andExpect(content().string(Matchers.containsString("疑似预防接种异常反应监测报告")));
    }
}
