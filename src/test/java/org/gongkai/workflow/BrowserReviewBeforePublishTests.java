package org.gongkai.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.gongkai.support.ReviewSteps;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** 先审查、后公开 in a real browser: draft → submit → confidentiality review → leadership approval → public page. */
class BrowserReviewBeforePublishTests extends AbstractIntegrationTest {

    @Test
    void aPolicyGoesFromDraftToThePublicPageOnlyThroughReviewAndApproval() {
        String title = "示范市基层医疗卫生机构绩效考核办法" + UUID.randomUUID().toString().substring(0, 4);
        try (Browser browser = Browser.desktop()) {
            var driver = browser.driver();
            browser.signIn(baseUrl(), "clerk2", TestAccounts.PASSWORD);
            driver.get(baseUrl() + "/admin/documents/new");
            driver.findElement(By.id("title")).sendKeys(title);
            new Select(driver.findElement(By.id("catalogueNodeId"))).selectByVisibleText("— 规范性文件");
            driver.findElement(By.id("documentNumber")).sendKeys("示卫规字〔2026〕11号");
            browser.setBody("<p>第一条 为规范基层医疗卫生机构绩效考核，制定本办法。</p>");
            driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), title));
            String editionUrl = driver.getCurrentUrl();
            String publicId = jdbc.queryForObject(
                    "select d.public_id from document d join edition e on e.document_id = d.id where e.title = ?", String.class, title);
            browser.screenshot("workflow-1-draft");
            driver.findElement(By.xpath("//button[text()='提交保密审查']")).click();
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".state"), "待保密审查"));

            // the draft is not public at any step before publication
            driver.get(baseUrl() + "/items/" + publicId);
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("页面不存在");

            ReviewSteps.passReview(browser, baseUrl(), title, "不涉及国家秘密和个人隐私，同意公开，报局领导审定。");
            browser.screenshot("workflow-2-review");
            ReviewSteps.submitReview(browser);

            driver.get(baseUrl() + "/items/" + publicId);
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("页面不存在");

            ReviewSteps.approve(browser, baseUrl(), title);

            driver.get(baseUrl() + "/items/" + publicId);
            String indexNumber = jdbc.queryForObject("select index_number from public_document where document_id = ?", String.class, publicId);
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(title);
            WebElement meta = driver.findElement(By.cssSelector("table.meta"));
            assertThat(meta.getText()).contains(indexNumber, "示卫规字〔2026〕11号", "医政医管科");
            browser.screenshot("workflow-3-public");
            driver.get(editionUrl);
            assertThat(driver.getCurrentUrl()).contains("/admin");
        }
    }
}
