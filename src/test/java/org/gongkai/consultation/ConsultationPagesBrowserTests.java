package org.gongkai.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The other pages of the module in Chromium, desktop and phone: the demo consultations (open, closed, answered) pass axe, the
 * console lists, and a 建议提案办理结果 drafted through its form lands on the ordinary edition page for review.
 */
class ConsultationPagesBrowserTests extends AbstractIntegrationTest {

    @Test
    void demoConsultationsAreAccessibleOnDesktopAndPhone() {
        String open = publicIdOf("关于《示范市预防接种门诊管理办法（征求意见稿）》公开征求意见的公告");
        String answered = publicIdOf("关于《示范市医疗机构依法执业自查工作实施方案（征求意见稿）》公开征求意见的公告");
        try (Browser desktop = Browser.desktop(); Browser phone = Browser.phone(375, 812)) {
            for (Browser b : new Browser[] {desktop, phone}) {
                String kind = b == desktop ? "desktop" : "phone375";
                WebDriver d = b.driver();
                d.get(baseUrl() + "/consultations/" + open);
                assertThat(d.findElement(By.cssSelector(".consultation-status")).getText()).contains("征集中");
                assertThat(d.findElements(By.cssSelector("#comment form"))).hasSize(1);
                assertThat(b.axeViolations()).as("axe, open, " + kind).isEmpty();
                b.screenshot("consultation-demo-open-" + kind);
                d.get(baseUrl() + "/consultations/" + answered);
                assertThat(d.findElement(By.cssSelector(".consultation-status")).getText()).contains("已反馈");
                assertThat(d.findElement(By.id("feedback")).getText()).contains("未采纳", "138****5678").doesNotContain("13812345678", "王建国");
                assertThat(b.axeViolations()).as("axe, answered, " + kind).isEmpty();
                b.screenshot("consultation-demo-answered-" + kind);
                d.get(baseUrl() + "/consultations");
                assertThat(b.axeViolations()).as("axe, list, " + kind).isEmpty();
            }
        }
    }

    @Test
    void consoleListsAndAProposalReplyThroughItsForm() {
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        String number = "第" + UUID.randomUUID().toString().replaceAll("[^0-9]", "").substring(0, 4) + "号";
        try (Browser desktop = Browser.desktop()) {
            WebDriver d = desktop.driver();
            desktop.signIn(baseUrl(), clerk, TestAccounts.PASSWORD);
            d.get(baseUrl() + "/admin/consultations");
            assertThat(d.findElement(By.tagName("main")).getText()).contains("关于《示范市医疗机构依法执业自查工作实施方案（征求意见稿）》",
                    "已反馈").doesNotContain("示范市预防接种门诊管理办法"); // another department's
            desktop.screenshot("consultation-admin-list");
            d.get(baseUrl() + "/admin/proposals/new");
            new Select(d.findElement(By.id("kind"))).selectByVisibleText("人大代表建议");
            d.findElement(By.id("proposalNumber")).sendKeys(number);
            d.findElement(By.id("title")).sendKeys("关于" + number + "建议的答复");
            d.findElement(By.cssSelector("main form button[type=submit]")).click();
            desktop.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".error-summary")));
            assertThat(d.findElement(By.cssSelector(".error-summary")).getText()).contains("请填写答复全文");
            desktop.screenshot("proposal-admin-form-error");
            desktop.waiting().until(x -> Boolean.TRUE.equals(desktop.driver().executeScript(
                    "return !!(window.tinymce && tinymce.activeEditor && tinymce.activeEditor.initialized)")));
            desktop.driver().executeScript("tinymce.activeEditor.setContent(arguments[0]); tinymce.activeEditor.save();",
                    "<p>张代表：您提出的建议收悉，现答复如下。</p>");
            d.findElement(By.cssSelector("main form button[type=submit]")).click();
            desktop.waiting().until(ExpectedConditions.urlMatches(".*/admin/documents/\\d+$"));
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("关于" + number + "建议的答复");
            assertThat(d.findElements(By.xpath("//button[text()='提交保密审查']"))).hasSize(1);
            d.get(baseUrl() + "/admin/proposals");
            assertThat(d.findElement(By.tagName("main")).getText()).contains(number, "人大代表建议", "草稿");
            desktop.screenshot("proposal-admin-list");
        }
    }

    private String publicIdOf(String title) {
        return jdbc.queryForObject("select d.public_id from consultation c join document d on d.id = c.document_id where c.title = ?",
                String.class, title);
    }
}
