package org.gongkai.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Error pages as people see them, on a phone and on a desktop: the public 400 in the public layout, a console 404 in the
 * console layout; the favicon loads (no console error on any page) and the hashed stylesheets apply.
 */
class BrowserErrorPagesTests extends AbstractIntegrationTest {

    @Test
    void aCitizenOnAPhoneSeesTheChinese400PageInThePublicLayout() {
        try (Browser browser = Browser.phone()) {
            browser.driver().get(baseUrl() + "/catalogue/ggws?year=0");
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("请求有误");
            assertThat(browser.driver().findElements(By.cssSelector("header.site-header"))).hasSize(1);
            // the hashed public.css applied: the header has the brand colour, not the browser's default
            assertThat(browser.driver().findElement(By.cssSelector("header.site-header")).getCssValue("background-color"))
                    .isEqualTo("rgba(163, 19, 28, 1)");
            browser.screenshot("error-400-phone");
            assertThat(browser.consoleErrors()).as("only the page's own 400 is reported, the favicon loads")
                    .allMatch(message -> message.contains("/catalogue/ggws?year=0"));
        }
    }

    @Test
    void staffSeeConsoleErrorsInTheConsoleLayout() {
        String clerk = TestAccounts.create(jdbc, "疾病预防控制科", "CLERK");
        try (Browser browser = Browser.desktop()) {
            browser.signIn(baseUrl(), clerk, TestAccounts.PASSWORD);
            browser.driver().get(baseUrl() + "/admin/documents/999999999");
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("页面不存在");
            assertThat(browser.driver().findElements(By.cssSelector("header.admin-header nav, nav.side-nav"))).isNotEmpty();
            assertThat(browser.driver().findElement(By.linkText("返回工作台")).getAttribute("href")).endsWith("/admin");
            browser.screenshot("error-404-console-desktop");
        }
    }
}
