package org.gongkai.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * 长者模式 scales every public page (the root font size, so every rem), and item pages have 字号 (大/中/小) and 打印 controls
 * that are plain links: they work without JavaScript and the page cache keeps their variants apart.
 */
class ReaderControlsTests extends AbstractIntegrationTest {

    private String item() {
        return jdbc.queryForObject("""
                select d.document_id from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                where d.status = 'LIVE' and s.title like '%疑似预防接种异常反应监测报告' limit 1""", String.class);
    }

    @Test
    void textSizeIsAPlainLinkWithACookieAndThePageCacheKeepsTheSizesApart() throws Exception {
        String id = item();
        mvc.perform(get("/preferences/text-size").param("size", "large").param("return", "/items/" + id))
                .andExpect(cookie().value("textsize", "large")).andExpect(redirectedUrl("/items/" + id));
        mvc.perform(get("/preferences/text-size").param("size", "medium").param("return", "https://evil.example/"))
                .andExpect(cookie().maxAge("textsize", 0)).andExpect(redirectedUrl("/"));

        // the same address three times, each served to the size it was asked for (from the cache on the second round)
        for (int round = 0; round < 2; round++) {
            String medium = page("/items/" + id);
            String large = page("/items/" + id, new Cookie("textsize", "large"));
            String elderSmall = page("/items/" + id, new Cookie("textsize", "small"), new Cookie("elder", "1"));
            assertThat(medium).contains("<html lang=\"zh-CN\">").contains("aria-current=\"true\">中</a>");
            assertThat(large).contains("<html lang=\"zh-CN\" class=\"text-large\">").contains("aria-current=\"true\">大</a>");
            assertThat(elderSmall).contains("<html lang=\"zh-CN\" class=\"elder text-small\">", "class=\"public elder\"")
                    .contains("aria-current=\"true\">小</a>");
            // an unknown size is the default one
            assertThat(page("/items/" + id, new Cookie("textsize", "<x>"))).contains("<html lang=\"zh-CN\">");
        }
        assertThat(mvc.perform(get("/items/" + id).cookie(new Cookie("textsize", "large"))).andReturn().getResponse()
                .getHeader("X-Page-Cache")).isEqualTo("hit");
    }

    @Test
    void printIsALinkToAPrintViewThatWorksWithoutJavaScript() throws Exception {
        String id = item();
        String page = page("/items/" + id);
        assertThat(page).contains("class=\"js-print print-link\" href=\"/items/" + id + "/print\">打印</a>")
                .containsPattern("<link rel=\"stylesheet\" media=\"print\" href=\"/css/print-[0-9a-f]{32}\\.css\">")
                .containsPattern("/js/item-[0-9a-f]{32}\\.js");
        String print = page("/items/" + id + "/print");
        assertThat(print).containsPattern("<link rel=\"stylesheet\" media=\"all\" href=\"/css/print-[0-9a-f]{32}\\.css\">");
        assertThat(print).contains("class=\"print-view\"",
                "本页为打印版", "href=\"/items/" + id + "\">返回正文</a>", "疑似预防接种异常反应监测报告")
                .doesNotContain("class=\"item-tools");
        mvc.perform(get("/items/zzzzzzzzzz/print")).andExpect(status().isNotFound());
    }

    @Test
    void elderModeEnlargesTheItemBodyMetadataAndNavigationOnAPhoneAndEveryPublicPage() throws Exception {
        String id = item();
        List<String> pages = List.of("/", "/catalogue", "/catalogue/ggws", "/items/" + id, "/search?q=%E7%96%AB%E8%8B%97",
                "/guide", "/guide/matters", "/data", "/reports/annual", "/requests/new", "/requests/track");
        String axe = PortalAccessibilityTests.axe();
        List<String> problems = new ArrayList<>();
        try (Browser browser = Browser.phone(390, 844)) {
            var driver = browser.driver();
            JavascriptExecutor js = driver;
            Map<String, Map<String, Double>> sizes = new LinkedHashMap<>();
            for (String elder : new String[] {"0", "1"}) {
                driver.get(baseUrl() + "/preferences/elder?on=" + elder + "&return=/items/" + id);
                Map<String, Double> item = new LinkedHashMap<>();
                item.put("body", size(js, ".item-page .body p"));
                item.put("metadata", size(js, "table.meta td"));
                item.put("metadataLabel", size(js, "table.meta th"));
                item.put("navigation", size(js, ".site-nav a"));
                item.put("breadcrumbs", size(js, ".breadcrumbs li"));
                item.put("textSize", size(js, ".item-tools .sizes a"));
                sizes.put(elder, item);
                browser.screenshot("reader-item-phone" + (elder.equals("1") ? "-elder" : ""));
                // axe on the item page in both modes at phone width
                js.executeScript(axe);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => "
                                + "({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))));");
                violations.forEach(v -> problems.add("[elder=" + elder + "] " + v.get("id") + " " + v.get("impact") + " " + v.get("nodes")));
                // nothing runs off the side of the phone
                assertThat(widerThanThePhone(js)).as("elder=" + elder).isEmpty();
            }
            // the numbers: 16 px root, 20 px in 长者模式
            Map<String, Double> normal = sizes.get("0");
            Map<String, Double> elder = sizes.get("1");
            assertThat(normal.get("body")).isEqualTo(16.8);
            assertThat(elder.get("body")).isEqualTo(21.0);
            assertThat(normal.get("navigation")).isEqualTo(15.2);
            assertThat(elder.get("navigation")).isEqualTo(19.0);
            for (String part : normal.keySet()) {
                assertThat(elder.get(part)).as(part + " " + normal.get(part) + " → " + elder.get(part))
                        .isGreaterThanOrEqualTo(normal.get(part) * 1.2);
            }
            assertThat(problems).isEmpty();

            // every public page grows: its navigation and its heading
            for (String path : pages) {
                double[][] measured = new double[2][];
                for (int elderOn = 0; elderOn < 2; elderOn++) {
                driver.get(baseUrl() + "/preferences/elder?on=" + elderOn + "&return="
                            + java.net.URLEncoder.encode(path, StandardCharsets.UTF_8));
                    assertThat(driver.getCurrentUrl()).as(path).isEqualTo(baseUrl() + path);
                    measured[elderOn] = new double[] {size(js, ".site-nav a"), size(js, "main h1"), size(js, "main p, main li")};
                    if (elderOn == 1 && (path.equals("/") || path.startsWith("/catalogue/") || path.equals("/data"))) {
                        browser.screenshot("reader-elder-phone" + path.replaceAll("[^a-z]+", "-"));
                    }
                }
                for (int i = 0; i < 3; i++) {
                    assertThat(measured[1][i]).as(path + " part " + i).isGreaterThan(measured[0][i] * 1.15);
                }
            }

            // a table wider than the phone scrolls sideways in its box, but its caption stays whole within the screen
            driver.get(baseUrl() + "/preferences/elder?on=1&return=/");
            for (String withTable : jdbc.queryForList("""
                    select d.document_id from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                    where d.status = 'LIVE' and jsonb_array_length(coalesce(s.tables, '[]'::jsonb)) > 0""", String.class)) {
                driver.get(baseUrl() + "/items/" + withTable);
                @SuppressWarnings("unchecked")
                List<String> clipped = (List<String>) js.executeScript("""
                        return [...document.querySelectorAll('.table-scroll caption')].filter(c => {
                          const box = c.closest('.table-scroll').getBoundingClientRect(), r = c.getBoundingClientRect();
                          return r.right > box.right + 0.5 || r.left < box.left - 0.5;
                        }).map(c => c.textContent);""");
                assertThat(clipped).as("captions of " + withTable).isEmpty();
                assertThat(widerThanThePhone(js)).as(withTable).isEmpty();
            }
            js.executeScript("document.querySelector('.table-scroll').scrollIntoView()");
            browser.screenshot("reader-elder-phone-table");

            // 字号: 大 makes the item text larger than 中, 小 smaller; the choice stays (a cookie)
            driver.get(baseUrl() + "/preferences/elder?on=0&return=/items/" + id);
            double medium = size(js, ".item-page .body p");
            driver.findElement(By.cssSelector(".item-tools .sizes a[href*='size=large']")).click();
            browser.waiting().until(d -> d.findElement(By.tagName("html")).getAttribute("class").contains("text-large"));
            double large = size(js, ".item-page .body p");
            browser.screenshot("reader-item-phone-large");
            driver.findElement(By.cssSelector(".item-tools .sizes a[href*='size=small']")).click();
            browser.waiting().until(d -> d.findElement(By.tagName("html")).getAttribute("class").contains("text-small"));
            double small = size(js, ".item-page .body p");
            assertThat(large).isEqualTo(20.8);
            assertThat(small).isLessThan(medium).isLessThan(large);
            assertThat(driver.getCurrentUrl()).endsWith("/items/" + id);
            driver.findElement(By.cssSelector(".item-tools .sizes a[href*='size=medium']")).click();
            browser.waiting().until(d -> !d.findElement(By.tagName("html")).getAttribute("class").contains("text-"));

            // with JavaScript, 打印 opens the print dialog and stays on the page
            js.executeScript("window.printed = 0; window.print = function () { window.printed++; };");
            driver.findElement(By.linkText("打印")).click();
            assertThat(((Number) js.executeScript("return window.printed")).intValue()).isEqualTo(1);
            assertThat(driver.getCurrentUrl()).endsWith("/items/" + id);
            driver.get(baseUrl() + "/items/" + id + "/print");
            assertThat(driver.findElement(By.className("site-nav")).isDisplayed()).isFalse();
            browser.screenshot("reader-item-print-view-phone");
        }
    }

    @Test
    void desktopScreenshotsInBothModes() {
        String id = item();
        try (Browser browser = Browser.desktop()) {
            var driver = browser.driver();
            for (String elder : new String[] {"0", "1"}) {
                driver.get(baseUrl() + "/preferences/elder?on=" + elder + "&return=/items/" + id);
                assertThat(driver.findElement(By.tagName("html")).getAttribute("class")).isEqualTo(elder.equals("1") ? "elder" : "");
                browser.screenshot("reader-item-desktop" + (elder.equals("1") ? "-elder" : ""));
            }
        }
    }

    /** Elements whose right edge is past the screen's, outside any scrolled box (a table region may scroll sideways). */
    @SuppressWarnings("unchecked")
    private static List<String> widerThanThePhone(JavascriptExecutor js) {
        return (List<String>) js.executeScript("""
                const out = [];
                document.querySelectorAll('body *').forEach(e => {
                  if (e.closest('.table-scroll, .skip-link, .visually-hidden')) return;
                  const r = e.getBoundingClientRect();
                  if (r.width > 0 && r.right > document.documentElement.clientWidth + 0.5)
                    out.push(e.tagName + '.' + e.className + ' right=' + Math.round(r.right));
                });
                return out.slice(0, 5);""");
    }

    private static double size(JavascriptExecutor js, String selector) {
        Object px = js.executeScript("const e = document.querySelector(arguments[0]);"
                + "return e ? parseFloat(getComputedStyle(e).fontSize) : -1;", selector);
        double value = ((Number) px).doubleValue();
        assertThat(value).as("font size of " + selector).isPositive();
        return Math.round(value * 10) / 10.0;
    }

    private String page(String path, Cookie... cookies) throws Exception {
        var request = get(path);
        if (cookies.length > 0) {
            request.cookie(cookies);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
