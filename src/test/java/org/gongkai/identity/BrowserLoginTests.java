package org.gongkai.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A person signs in through the real login page in headless Chromium and sees the console. */
class BrowserLoginTests extends AbstractIntegrationTest {

    @Test
    void aClerkSignsInThroughTheLoginPageAndSeesTheConsole() {
        try (Browser browser = Browser.desktop()) {
            var driver = browser.driver();
            driver.get(baseUrl() + "/admin");
            browser.waiting().until(ExpectedConditions.urlContains("/login"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("工作人员登录");
            driver.findElement(By.id("username")).sendKeys("clerk");
            driver.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.urlMatches(".*/admin(\\?continue)?$"));
            assertThat(driver.findElement(By.cssSelector(".admin-header .who")).getText()).contains("李明", "疾病预防控制科", "科室经办人");
            assertThat(driver.findElement(By.tagName("h1")).getText()).contains("李明");
            browser.screenshot("console-home-clerk");
        }
    }

    @Test
    void aWrongPasswordShowsTheMessageOnAPhone() {
        String username = TestAccounts.create(jdbc, "办公室", "CLERK");
        try (Browser browser = Browser.phone()) {
            var driver = browser.driver();
            driver.get(baseUrl() + "/login");
            driver.findElement(By.id("username")).sendKeys(username);
            driver.findElement(By.id("password")).sendKeys("Not-the-password-1");
            driver.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.urlContains("error"));
            assertThat(driver.findElement(By.cssSelector(".error-summary")).getText()).contains("用户名或密码错误");
            assertThat(driver.getTitle()).startsWith("错误：");
            browser.screenshot("login-error-phone");
        }
    }
}
