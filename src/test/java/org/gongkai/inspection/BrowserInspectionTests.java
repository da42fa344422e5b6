package org.gongkai.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.gongkai.support.ReviewSteps;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The office opens 网站自查, follows a finding to the column, an item is published there, and the finding clears. */
class BrowserInspectionTests extends AbstractIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationEventPublisher catalogueEvents;

    @Test
    void theOfficeFollowsAFindingToTheColumnAndItClearsOnceAnItemIsPublished() {
        var column = InspectionFixtures.column(jdbc, catalogueEvents, "STATIC", null);
        String title = "自查整改测试信息" + InspectionFixtures.shortId();
        try (Browser browser = Browser.desktop()) {
            var driver = browser.driver();
            browser.signIn(baseUrl(), "reviewer", TestAccounts.PASSWORD);
            driver.get(baseUrl() + "/admin/inspection");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("网站自查");
            var blank = driver.findElement(By.id("check-blankColumns"));
            assertThat(blank.getText()).contains(column.name());
            browser.screenshot("inspection-1-page");
            assertThat(browser.consoleErrors()).isEmpty();

            // follow the finding to the column
            blank.findElement(By.xpath(".//tr[td[contains(., '" + column.name() + "')]]//a[contains(@class, 'fix')]")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), column.name()));
            assertThat(driver.findElement(By.cssSelector("dl.meta")).getText()).contains("空白栏目");
            browser.screenshot("inspection-2-column");

            // a clerk publishes an item in it, the reviewer passes it
            browser.signIn(baseUrl(), "clerk", TestAccounts.PASSWORD);
            driver.get(baseUrl() + "/admin/documents/new");
            driver.findElement(By.id("title")).sendKeys(title);
            new Select(driver.findElement(By.id("catalogueNodeId"))).selectByValue(Long.toString(column.id()));
            browser.setBody("<p>本栏目首条信息。</p>");
            driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), title));
            driver.findElement(By.xpath("//button[text()='提交保密审查']")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".state"), "待保密审查"));
            ReviewSteps.passReview(browser, baseUrl(), title, "不涉及国家秘密和个人隐私，同意公开。");
            ReviewSteps.submitReview(browser);

            // the finding is gone
            driver.get(baseUrl() + "/admin/inspection");
            assertThat(driver.findElement(By.id("check-blankColumns")).getText()).doesNotContain(column.name());
            driver.get(baseUrl() + "/admin/inspection/columns/" + column.id());
            assertThat(driver.findElement(By.cssSelector("dl.meta")).getText()).contains("合格").doesNotContain("空白栏目");
        }
    }

    @Test
    void eachInspectionPageOnDesktopAndPhone() {
        var column = InspectionFixtures.column(jdbc, catalogueEvents, "STATIC", null);
        InspectionFixtures.TestColumn empty = InspectionFixtures.column(jdbc, catalogueEvents, "STATIC", null);
        jdbc.update("update catalogue_node set intentionally_empty = true, empty_reason = '本机关本年度未作出行政许可决定。' where id = ?", empty.id());
        for (boolean phone : new boolean[] {false, true}) {
            try (Browser browser = phone ? Browser.phone() : Browser.desktop()) {
                var driver = browser.driver();
                String suffix = phone ? "-phone" : "-desktop";
                browser.signIn(baseUrl(), "reviewer", TestAccounts.PASSWORD);
                for (String[] page : new String[][] {{"/admin/inspection", "inspection"}, {"/admin/inspection/columns", "columns"},
                        {"/admin/inspection/columns/" + column.id(), "column"}, {"/admin/inspection/links?all=true", "links"},
                        {"/admin/inspection/settings", "settings"}, {"/admin/inspection/report", "report"},
                        {"/catalogue/" + empty.code(), "public-empty-column"}}) {
                    driver.get(baseUrl() + page[0]);
                    assertThat(driver.findElement(By.tagName("h1")).getText()).isNotBlank();
                    browser.screenshot("inspection-page-" + page[1] + suffix);
                }
                assertThat(driver.getPageSource()).contains("本机关本年度未作出行政许可决定。");
                assertThat(browser.consoleErrors()).isEmpty();
            }
        }
    }
}
