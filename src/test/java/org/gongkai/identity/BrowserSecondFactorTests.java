package org.gongkai.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.gongkai.support.TestAccounts;
import org.gongkai.support.TestTotp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An approver enrols an authenticator app at the first sign-in (the test computes the codes from the secret shown on the
 * page), signs out, and signs in with password and code; a wrong code is refused and counted toward the lock.
 */
class BrowserSecondFactorTests extends AbstractIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    SignIns signIns;

    @Test
    void anApproverEnrolsTotpSignsOutAndSignsInWithPasswordAndCode() throws Exception {
        String approver = TestAccounts.create(jdbc, "办公室", "APPROVER");
        jdbc.update("delete from staff_second_factor where user_id = ?", TestAccounts.idOf(jdbc, approver));
        try (Browser browser = Browser.desktop()) {
            WebDriver driver = browser.driver();
            signInWithPassword(driver, approver);
            browser.waiting().until(ExpectedConditions.urlContains("/login/enrol"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("绑定身份验证器");
            assertThat(driver.findElement(By.cssSelector("img.totp-qr")).getAttribute("src")).startsWith("data:image/svg+xml;base64,");
            browser.screenshot("login-enrol-desktop");
            String secret = driver.findElement(By.cssSelector(".totp-secret")).getText().replace(" ", "");
            long enrolStep = TestTotp.currentStep();
            driver.findElement(By.id("code")).sendKeys(TestTotp.codeAt(secret, enrolStep));
            driver.findElement(By.cssSelector("form[action$='/login/enrol'] button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "恢复码"));
            assertThat(driver.findElements(By.cssSelector(".recovery-codes li"))).hasSize(10);
            browser.screenshot("login-recovery-codes");
            driver.findElement(By.id("continue")).click();
            browser.waiting().until(ExpectedConditions.urlMatches(".*/admin(\\?continue)?$"));

            // sign out, and in again: the password alone is not enough
            driver.findElement(By.cssSelector("form[action$='/logout'] button")).click();
            browser.waiting().until(ExpectedConditions.urlContains("/login?logout"));
            signInWithPassword(driver, approver);
            browser.waiting().until(ExpectedConditions.urlContains("/login/code"));
            driver.get(baseUrl() + "/admin/documents");
            browser.waiting().until(ExpectedConditions.urlContains("/login/code"));

            driver.findElement(By.id("code")).sendKeys(wrong(secret));
            driver.findElement(By.cssSelector("form[action$='/login/code'] button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error")));
            assertThat(driver.findElement(By.cssSelector(".field-error")).getText()).contains("动态验证码不正确");
            assertThat(driver.getTitle()).startsWith("错误：");
            assertThat(signIns.failedSignIns(approver)).isEqualTo(1);
            browser.screenshot("login-code-error");

            // a code of a later step than the one used to enrol (each step is accepted once)
            long step = Math.max(TestTotp.currentStep(), enrolStep + 1);
            while (step > TestTotp.currentStep() + 1) {
                Thread.sleep(1000);
            }
            driver.findElement(By.id("code")).sendKeys(TestTotp.codeAt(secret, step));
            driver.findElement(By.cssSelector("form[action$='/login/code'] button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.urlContains("/admin/documents"));
            assertThat(driver.findElement(By.cssSelector(".admin-header .who")).getText()).contains("领导审定");
            assertThat(signIns.failedSignIns(approver)).isZero();
        }
        assertThat(jdbc.queryForList("select action from audit_event where actor = ? order by id", String.class, approver))
                .containsSubsequence("secondFactor.enrolled", "login.succeeded", "login.failed", "login.succeeded");
    }

    @Test
    void theCodePageOnAPhone() {
        try (Browser browser = Browser.phone()) {
            WebDriver driver = browser.driver();
            signInWithPassword(driver, "reviewer");
            browser.waiting().until(ExpectedConditions.urlContains("/login/code"));
            browser.screenshot("login-code-phone");
            browser.enterCode(TestTotp.nextCode("reviewer"));
            browser.waiting().until(ExpectedConditions.urlContains("/admin"));
        }
    }

    @Test
    void theSecurityAdministratorAsksToResetAnAuditorsPasswordAndTheSystemAdministratorApproves() {
        String auditor = TestAccounts.create(jdbc, "办公室", "AUDITOR");
        long id = TestAccounts.idOf(jdbc, auditor);
        try (Browser browser = Browser.desktop()) {
            WebDriver driver = browser.driver();
            browser.signIn(baseUrl(), "secadmin", TestAccounts.PASSWORD);
            driver.get(baseUrl() + "/admin/users/" + id + "/roles");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("须由另一名管理员批准");
            driver.findElement(By.id("password")).sendKeys("Reset#Auditor26");
            driver.findElement(By.cssSelector("form[action$='/password'] button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "已提交重置密码申请"));
            browser.screenshot("admin-user-roles-request");

            browser.signIn(baseUrl(), "sysadmin", TestAccounts.PASSWORD);
            driver.get(baseUrl() + "/admin/account-requests");
            assertThat(driver.findElement(By.tagName("tbody")).getText()).contains(auditor, "重置密码", "secadmin");
            browser.screenshot("admin-account-requests");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(375, 812));
            browser.screenshot("admin-account-requests-phone");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
            driver.findElement(By.xpath("//tr[contains(., '" + auditor + "')]//button[text()='批准']")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "已批准"));
        }
        try (Browser phone = Browser.phone()) {
            phone.signIn(baseUrl(), "clerk", TestAccounts.PASSWORD);
            phone.driver().get(baseUrl() + "/admin/account/second-factor");
            assertThat(phone.driver().findElement(By.cssSelector("img.totp-qr")).isDisplayed()).isTrue();
            phone.screenshot("own-second-factor-phone");
        }
        assertThat(jdbc.queryForObject("select password_must_change from staff_user where id = ?", Boolean.class, id)).isTrue();
    }

    @Test
    void aPasswordSetByTheAdministratorIsReplacedBeforeTheConsoleOpens() {
        String clerk = TestAccounts.create(jdbc, "财务科", "CLERK");
        jdbc.update("update staff_user set password_must_change = true where username = ?", clerk);
        for (Browser browser : new Browser[] {Browser.phone(), Browser.desktop()}) {
            try (browser) {
                WebDriver driver = browser.driver();
                signInWithPassword(driver, clerk);
                browser.waiting().until(ExpectedConditions.urlContains("/login/password"));
                driver.get(baseUrl() + "/admin");
                browser.waiting().until(ExpectedConditions.urlContains("/login/password"));
                assertThat(driver.findElement(By.tagName("main")).getText()).contains("您的密码由管理员设置");
                driver.findElement(By.id("newPassword")).sendKeys(TestAccounts.PASSWORD);
                driver.findElement(By.id("confirmPassword")).sendKeys(TestAccounts.PASSWORD);
                driver.findElement(By.cssSelector("form[action$='/login/password'] button[type=submit]")).click();
                browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".field-error")));
                assertThat(driver.findElement(By.cssSelector(".field-error")).getText()).isEqualTo("新密码不能与当前密码相同");
                browser.screenshot("login-password-" + (driver.manage().window().getSize().getWidth() < 600 ? "phone" : "desktop"));
                if (driver.manage().window().getSize().getWidth() >= 600) {
                    driver.findElement(By.id("newPassword")).sendKeys("Mine#Only2026");
                    driver.findElement(By.id("confirmPassword")).sendKeys("Mine#Only2026");
                    driver.findElement(By.cssSelector("form[action$='/login/password'] button[type=submit]")).click();
                    browser.waiting().until(ExpectedConditions.urlMatches(".*/admin(\\?continue)?$"));
                    driver.get(baseUrl() + "/admin/account/second-factor");
                    browser.screenshot("own-second-factor-desktop");
                }
            }
        }
        assertThat(jdbc.queryForObject("select password_must_change from staff_user where username = ?", Boolean.class, clerk)).isFalse();
    }

    private void signInWithPassword(WebDriver driver, String username) {
        driver.get(baseUrl() + "/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        driver.findElement(By.cssSelector("form[action$='/login'] button[type=submit]")).click();
    }

    private static String wrong(String secret) {
        long now = TestTotp.currentStep();
        for (int candidate = 123456; ; candidate++) {
            String code = String.valueOf(candidate);
            boolean valid = false;
            for (long step = now - 2; step <= now + 2; step++) {
                valid |= TestTotp.codeAt(secret, step).equals(code);
            }
            if (!valid) {
                return code;
            }
        }
    }
}
