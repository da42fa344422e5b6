package org.gongkai.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Screenshots (desktop and 375 px) of the pages #18 changed, each checked for what it must show: the standard catalogue with its
 * index, a completed column, an item with a wide table and its scroll hint, the audit page, the request list and the chart form.
 */
class PolishScreenshotsTests extends AbstractIntegrationTest {

    @Test
    void theChangedPagesShowWhatTheyMustOnADesktopAndAPhone() {
        String tableItem = jdbc.queryForObject("""
                select d.document_id from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                where d.status = 'LIVE' and s.title like '%疾病应急救助个案公示%' limit 1""", String.class);
        long resources = jdbc.queryForObject("select id from data_table where caption = '医疗卫生资源概况（2021—2025年）'", Long.class);
        for (boolean phone : new boolean[] {false, true}) {
            String size = phone ? "375" : "desktop";
            try (Browser browser = phone ? Browser.phone(375, 812) : Browser.desktop()) {
                var driver = browser.driver();
                driver.get(baseUrl() + "/guide/matters");
                assertThat(driver.findElement(By.id("matters-index")).getText()).isEqualTo("本页目录");
                browser.screenshot("polish-matters-" + size);
                driver.get(baseUrl() + "/catalogue/ggws-yfjz");
                assertThat(driver.findElement(By.tagName("main")).getText()).contains("示范市预防接种门诊名单及服务时间");
                browser.screenshot("polish-column-yfjz-" + size);
                driver.get(baseUrl() + "/items/" + tableItem);
                var table = driver.findElement(By.cssSelector(".item-table"));
                driver.executeScript("arguments[0].scrollIntoView()", table);
                assertThat(driver.findElement(By.cssSelector(".scroll-hint")).isDisplayed()).isEqualTo(phone);
                browser.screenshot("polish-item-table-" + size);

                browser.signIn(baseUrl(), "auditor", TestAccounts.PASSWORD);
                driver.get(baseUrl() + "/admin/audit");
                assertThat(driver.findElement(By.tagName("table")).getText()).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:");
                browser.screenshot("polish-audit-" + size);

                browser.signIn(baseUrl(), "reviewer", TestAccounts.PASSWORD);
                driver.get(baseUrl() + "/admin/requests");
                // the 剩余 column and the request number stay on one line (no one-character-per-line wrapping)
                for (String cell : List.of("td.days-left > span", ".requests-table td:first-child a")) {
                    List<org.openqa.selenium.WebElement> found = driver.findElements(By.cssSelector(cell));
                    assertThat(found).as(cell).isNotEmpty();
                    assertThat(found.get(0).getSize().getHeight()).as(cell + " is one line").isLessThan(40);
                }
                browser.screenshot("polish-requests-" + size);

                browser.signIn(baseUrl(), "clerk2", TestAccounts.PASSWORD);
                driver.get(baseUrl() + "/admin/tables/" + resources + "/chart");
                assertThat(driver.findElements(By.id("v-year"))).isEmpty();
                browser.screenshot("polish-chart-" + size);
            }
        }
    }
}
