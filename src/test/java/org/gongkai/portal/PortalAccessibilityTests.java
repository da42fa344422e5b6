package org.gongkai.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core in Chromium over the public pages a citizen uses: no serious or critical violation on home, catalogue, a column,
 * an item, search results, the guide, open data, the request form and the login page, in normal and in 长者模式.
 */
class PortalAccessibilityTests extends AbstractIntegrationTest {

    static String axe() throws IOException {
        try (InputStream in = PortalAccessibilityTests.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.gongkai.requests.RequestIntake requests;

    @Test
    void publicPagesHaveNoSeriousOrCriticalViolations() throws IOException {
        String item = jdbc.queryForObject("""
                select d.document_id from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                where d.status = 'LIVE' and s.title like '%疑似预防接种异常反应监测报告' limit 1""", String.class);
        // an item with a data table (scroll hint, sticky caption), a column of the completed catalogue, and a request to track
        String tableItem = jdbc.queryForObject("""
                select d.document_id from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                where d.status = 'LIVE' and s.tables <> '[]'::jsonb order by s.published_at desc limit 1""", String.class);
        var submitted = requests.submit(org.gongkai.requests.RequestTestData.command(
                org.gongkai.requests.RequestTestData.newIdNumber(), "无障碍检查用申请"));
        String axe = axe();
        List<String> problems = new ArrayList<>();
        try (Browser browser = Browser.desktop()) {
            var driver = browser.driver();
            for (String elder : new String[] {"0", "1"}) {
                driver.get(baseUrl() + "/preferences/elder?on=" + elder + "&return=/");
                for (String path : List.of("/", "/catalogue", "/catalogue/ggws", "/items/" + item, "/search?q=%E7%96%AB%E8%8B%97",
                        "/guide", "/guide/matters", "/data", "/reports/annual", "/requests/new", "/requests/track", "/login",
                        "/items/" + tableItem, "/catalogue/ggws-yfjz", "/catalogue/jgxx-ldxx", "track-result")) {
                    if (path.equals("track-result")) {
                        jdbc.update("delete from request_throttle where scope = 'track'"); // other tests may have used this address's attempts
                        driver.get(baseUrl() + "/requests/track");
                        driver.findElement(By.id("number")).sendKeys(submitted.number());
                        driver.findElement(By.id("code")).sendKeys(submitted.queryCode());
                        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
                        browser.waiting().until(d -> d.getPageSource().contains(submitted.number()));
                    } else {
                        driver.get(baseUrl() + path);
                    }
                    JavascriptExecutor js = (JavascriptExecutor) driver;
                    js.executeScript(axe);
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript(
                            "const done = arguments[arguments.length - 1];"
                                    + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => "
                                    + "({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))));");
                    for (Map<String, Object> v : violations) {
                        if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                            problems.add((elder.equals("1") ? "[长者模式] " : "") + path + ": " + v.get("id") + " " + v.get("nodes"));
                        }
                    }
                }
            }
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        }
        assertThat(problems).isEmpty();
    }
}
