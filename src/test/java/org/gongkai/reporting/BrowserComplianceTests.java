package org.gongkai.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The compliance dashboard as a reviewer sees it, on a desktop and on a phone, with the demo's obligations. */
class BrowserComplianceTests extends AbstractIntegrationTest {

    @Test
    void aReviewerFiltersTheDashboardToMissingItems() {
        for (Browser browser : new Browser[] {Browser.desktop(), Browser.phone()}) {
            try (browser) {
                var driver = browser.driver();
                browser.signIn(baseUrl(), "reviewer", TestAccounts.PASSWORD);
                driver.get(baseUrl() + "/admin/compliance?year=2025");
                assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("2025年政务公开合规情况");
                assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("法定传染病疫情", "2025年12月", "按时");
                new Select(driver.findElement(By.id("status"))).selectByVisibleText("逾期未发布");
                var before = driver.findElement(By.id("periodic"));
                driver.findElement(By.xpath("//button[text()='查看']")).click();
                browser.waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(before));
                var statuses = driver.findElements(By.cssSelector("#periodic td .status")).stream().map(e -> e.getText()).distinct().toList();
                assertThat(statuses).containsExactly("逾期未发布");
                browser.screenshot(driver.manage().window().getSize().getWidth() < 600 ? "compliance-phone" : "compliance-desktop");
            }
        }
    }
}
