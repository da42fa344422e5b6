package org.gongkai.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.gongkai.support.ReviewSteps;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The office generates the 2026 annual report, writes section 五, submits it; it is reviewed, approved and public. The clock is
 * fixed on 2027-01-15: a report on 2026 can be submitted only once 2026 has ended (条例第50条).
 */
class BrowserAnnualReportTests extends AbstractIntegrationTest {

    @Test
    void theOfficeGeneratesEditsAndPublishesThe2026Report() {
        jdbc.update("delete from annual_report where year = 2026");
        testClock.fix(java.time.LocalDate.of(2027, 1, 15));
        String title = "示范市卫生健康委员会2026年政府信息公开工作年度报告";
        try (Browser browser = Browser.desktop()) {
            var driver = browser.driver();
            browser.signIn(baseUrl(), "office", TestAccounts.PASSWORD);
            driver.get(baseUrl() + "/admin/reports/annual");
            var year = driver.findElement(By.id("year"));
            year.clear();
            year.sendKeys("2026");
            driver.findElement(By.xpath("//button[text()='生成年度报告']")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), title));
            assertThat(driver.findElement(By.id("overview")).getText()).contains("2026年，本机关认真贯彻落实");
            driver.findElement(By.id("problems")).sendKeys("一是政策解读形式较为单一；二是部分统计数据发布不够及时。下一步将加强图解、视频解读。");
            driver.findElement(By.id("licences")).clear();
            driver.findElement(By.id("licences")).sendKeys("236");
            browser.screenshot("report-1-edit");
            org.openqa.selenium.WebElement save = driver.findElement(By.xpath("//button[text()='保存并重新生成']"));
            save.click();
            // the edit page may already carry a flash: wait for the page to be replaced first, or the link goes stale
            browser.waiting().until(ExpectedConditions.stalenessOf(save));
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash")));
            browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                d.findElement(By.linkText("提交审核、预览和附件")).click();
                return true;
            });
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), title));
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("2026年政府信息公开工作年度报告.pdf",
                    "2026年政府信息公开工作年度报告.docx");
            driver.findElement(By.xpath("//button[text()='提交保密审查']")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".state"), "待保密审查"));

            ReviewSteps.passReview(browser, baseUrl(), title, "年度报告不涉密，同意公开，报局领导审定。");
            ReviewSteps.submitReview(browser);
            ReviewSteps.approve(browser, baseUrl(), title);

            driver.get(baseUrl() + "/reports/annual");
            driver.findElement(By.linkText(title)).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), title));
            var captions = driver.findElements(By.cssSelector("main table caption")).stream().map(e -> e.getText()).toList();
            assertThat(captions).contains("表一　主动公开政府信息情况", "表二　收到和处理政府信息公开申请情况", "表三　政府信息公开行政复议、行政诉讼情况");
            String page = driver.findElement(By.tagName("main")).getText();
            assertThat(page).contains("一是政策解读形式较为单一", "236", "四、结转下年度继续办理");
            browser.screenshot("report-2-public");
            String itemUrl = driver.getCurrentUrl();
            try (Browser phone = Browser.phone()) {
                phone.driver().get(itemUrl);
                var table3 = phone.driver().findElement(By.xpath("//caption[contains(., '表二')]/.."));
                phone.driver().executeScript("arguments[0].scrollIntoView()", table3);
                // a wide official table scrolls inside itself; the page does not scroll sideways
                assertThat((Boolean) phone.driver().executeScript(
                        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")).isTrue();
                phone.screenshot("report-3-phone");
                // the editing page's wide Tables 3 and 4 scroll inside themselves too
                phone.signIn(baseUrl(), "office", TestAccounts.PASSWORD);
                phone.driver().get(baseUrl() + "/admin/reports/annual/2026");
                assertThat((Boolean) phone.driver().executeScript(
                        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")).isTrue();
            }
        }
    }
}
