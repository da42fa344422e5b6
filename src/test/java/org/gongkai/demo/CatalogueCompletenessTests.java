package org.gongkai.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The demo catalogue has the columns that 条例第二十条 and 国办公开办函〔2019〕61号 expect of a municipal health commission, and
 * a citizen reaches every column the demo fills from the home page in at most two clicks (home → column, or home → catalogue
 * → column), where it lists at least one item.
 */
class CatalogueCompletenessTests extends AbstractIntegrationTest {

    /** code → name of the columns a citizen opens first; each must exist and (in the demo) hold a published item. */
    static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("jgxx-ldxx", "领导信息"), Map.entry("tjxx", "统计信息"), Map.entry("xzsyxsf", "行政事业性收费"),
            Map.entry("zfcg", "政府采购"), Map.entry("zdjsxm", "重大建设项目"), Map.entry("rsxx", "人事信息"),
            Map.entry("rsxx-zkly", "招考录用"), Map.entry("gkzd", "政府信息公开制度"), Map.entry("jdzf-xzxk", "行政许可"),
            Map.entry("czzj-js", "决算"), Map.entry("ylzy-dqyp", "短缺药品清单"), Map.entry("ghjh", "规划计划"),
            Map.entry("ggws-yfjz", "预防接种"), Map.entry("zcwj-gfxwj", "规范性文件"), Map.entry("zcwj-zcjd", "政策解读"),
            Map.entry("czzj-ys", "预算"), Map.entry("ggws-crb", "传染病疫情"), Map.entry("jdzf-xzcf", "行政处罚"));

    private static final Pattern HREF = Pattern.compile("href=\"([^\"#?]+)");

    @Test
    void everyExpectedColumnExistsAndIsReachedFromTheHomePageInTwoClicksWithItems() throws Exception {
        Set<String> fromHome = links("/");
        assertThat(fromHome).as("the home page links the catalogue").contains("/catalogue");
        Set<String> fromCatalogue = links("/catalogue");
        for (Map.Entry<String, String> column : EXPECTED.entrySet()) {
            String path = "/catalogue/" + column.getKey();
            assertThat(fromHome.contains(path) || fromCatalogue.contains(path))
                    .as("%s (%s) is one click from the home page or the catalogue", column.getValue(), path).isTrue();
            String page = page(path);
            assertThat(page).as(path).contains(column.getValue());
            assertThat(links(page, "/items/")).as("%s lists a published item", column.getValue()).isNotEmpty();
        }
    }

    @Test
    void theQrPosterColumnListsTheVaccinationClinics() throws Exception {
        assertThat(page("/catalogue/ggws-yfjz")).contains("示范市预防接种门诊名单及服务时间");
    }

    private Set<String> links(String path) throws Exception {
        return links(page(path), "/");
    }

    private static Set<String> links(String html, String prefix) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            if (m.group(1).startsWith(prefix)) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
