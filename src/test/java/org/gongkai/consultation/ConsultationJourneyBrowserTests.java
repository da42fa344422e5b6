package org.gongkai.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.Browser;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The done-when journey of 意见征集 in real Chromium: a clerk drafts a consultation (a short window needs a reason), review
 * and approval publish it, a citizen comments on a 390 px phone and gets a receipt, commenting is refused once the window has
 * closed, the department marks the comment and publishes the 意见采纳情况反馈 through review, and the public page shows 已反馈
 * without the commenter's name or contact anywhere public.
 */
class ConsultationJourneyBrowserTests extends AbstractIntegrationTest {

    private static final String[] CHECKLIST = {"noStateSecrets", "noWorkSecrets", "privacyHandled", "noCommercialSecrets",
            "noSecurityRisk", "attributeCorrect"};

    @Test
    void fromDraftToCommentsToPublishedFeedback() throws Exception {
        testClock.fix(LocalDate.of(2026, 12, 1), LocalTime.of(9, 0));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String title = "关于《示范市院前急救管理办法（征求意见稿）》公开征求意见的公告" + suffix;
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        String reviewer = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        String approver = TestAccounts.create(jdbc, "办公室", "APPROVER");
        String commenterName = "赵测试" + suffix;
        String contact = "13912345678";
        String commentPhone = "13800138000";
        try (Browser office = Browser.desktop(); Browser phone = Browser.phone(390, 844)) {
            WebDriver d = office.driver();
            // 1. the clerk drafts it; a window shorter than 30 days needs a reason
            office.signIn(baseUrl(), clerk, TestAccounts.PASSWORD);
            d.get(baseUrl() + "/admin/consultations/new");
            d.findElement(By.id("title")).sendKeys(title);
            setEditor(office, "<p>第一条 为规范院前急救服务，制定本办法。</p><p>第二条 急救中心24小时受理呼救。</p>");
            d.findElement(By.id("background")).sendKeys("院前急救需求增长，需要统一规范。");
            d.findElement(By.id("basis")).sendKeys("《院前医疗急救管理办法》。");
            d.findElement(By.id("mainContent")).sendKeys("办法共十条，规定呼救受理、调度、转运和监督。");
            setDate(office, "opensOn", "2026-12-01");
            setDate(office, "closesOn", "2026-12-10");
            d.findElement(By.cssSelector("main form button[type=submit]")).click();
            office.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".error-summary")));
            assertThat(d.getTitle()).startsWith("错误：");
            assertThat(d.findElement(By.id("shortWindowReason-error")).getText()).contains("少于规定天数");
            office.screenshot("consultation-admin-form-error");
            setEditor(office, "<p>第一条 为规范院前急救服务，制定本办法。</p><p>第二条 急救中心24小时受理呼救。</p>");
            d.findElement(By.id("shortWindowReason")).sendKeys("冬季急救高峰前须出台，征求意见期限缩短为10日。");
            d.findElement(By.cssSelector("main form button[type=submit]")).click();
            office.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), title));
            long id = Long.parseLong(d.getCurrentUrl().replaceAll(".*/admin/consultations/(\\d+).*", "$1"));
            office.screenshot("consultation-admin-detail-draft");
            String publicId = jdbc.queryForObject("select d.public_id from consultation c join document d on d.id = c.document_id where c.id = ?",
                    String.class, id);
            // not public while a draft
            assertThat(mvc.perform(get("/consultations/{id}", publicId)).andReturn().getResponse().getStatus()).isEqualTo(404);

            d.findElement(By.linkText("附件、预览与提交审查")).click();
            d.findElement(By.xpath("//button[text()='提交保密审查']")).click();
            office.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".state"), "待保密审查"));

            // 2. confidentiality review and leadership approval publish it
            review(office, reviewer, title);
            assertThat(mvc.perform(get("/consultations/{id}", publicId)).andReturn().getResponse().getStatus()).isEqualTo(404);
            approve(office, approver, title);

            // 3. a citizen comments on a phone
            WebDriver p = phone.driver();
            p.get(baseUrl() + "/consultations");
            assertThat(p.findElement(By.tagName("main")).getText()).contains(title);
            phone.screenshot("consultation-list-phone");
            assertThat(phone.axeViolations()).as("axe on /consultations").isEmpty();
            p.findElement(By.linkText(title)).click();
            assertThat(p.findElement(By.cssSelector(".consultation-status")).getText()).contains("征集中", "2026年12月1日至2026年12月10日");
            assertThat(p.findElement(By.cssSelector(".body")).getText()).contains("起草说明", "一、起草背景", "少于30日的理由");
            assertThat(horizontalOverflow(phone)).as("the page fits 390 px").isFalse();
            phone.screenshot("consultation-page-phone");
            assertThat(phone.axeViolations()).as("axe on the consultation page").isEmpty();
            phone.driver().executeScript("document.getElementById('comment').scrollIntoView()");
            phone.screenshot("consultation-comment-form-phone");
            p.findElement(By.id("body")).sendKeys("建议第二条增加“急救车辆优先通行”的规定。我的电话" + commentPhone + "，身份证440106199003071234。");
            p.findElement(By.id("name")).sendKeys(commenterName);
            p.findElement(By.id("contact")).sendKeys(contact);
            p.findElement(By.cssSelector("#comment button[type=submit]")).click();
            phone.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".receipt-number")));
            String receipt = p.findElement(By.cssSelector(".receipt-number")).getText();
            assertThat(receipt).matches("YJ20261201-[2-9A-Z]{6}");
            phone.screenshot("consultation-received-phone");
            assertThat(phone.axeViolations()).as("axe on the receipt").isEmpty();
            assertThat(jdbc.queryForObject("select count(*) from consultation_comment where consultation_id = ? and contact = ?",
                    Long.class, id, contact)).isEqualTo(1);

            // 长者模式 on the phone
            p.get(baseUrl() + "/consultations/" + publicId);
            p.findElement(By.cssSelector(".elder-toggle")).click();
            phone.waiting().until(ExpectedConditions.attributeContains(By.tagName("html"), "class", "elder"));
            assertThat(p.findElement(By.id("comment-heading")).isDisplayed()).isTrue();
            assertThat(horizontalOverflow(phone)).as("长者模式 fits 390 px").isFalse();
            phone.screenshot("consultation-page-phone-elder");
            assertThat(phone.axeViolations()).as("axe in 长者模式").isEmpty();
            p.findElement(By.cssSelector(".elder-toggle")).click();

            // 4. after the window closes commenting is refused
            testClock.fix(LocalDate.of(2026, 12, 11), LocalTime.of(9, 0));
            p.get(baseUrl() + "/consultations/" + publicId);
            assertThat(p.findElement(By.cssSelector(".consultation-status")).getText()).contains("已结束");
            assertThat(p.findElements(By.id("comment"))).isEmpty();
            assertThat(p.findElement(By.cssSelector(".closed-note")).getText()).contains("不再接收意见");
            phone.screenshot("consultation-closed-phone");
            var refused = mvc.perform(post("/consultations/{id}/comments", publicId).with(csrf())
                    .param("body", "窗口关闭后的意见").param("name", "").param("contact", "").param("website", ""))
                    .andReturn().getResponse();
            assertThat(refused.getStatus()).isEqualTo(400);
            assertThat(refused.getContentAsString()).contains("征求意见已结束");
            assertThat(jdbc.queryForObject("select count(*) from consultation_comment where consultation_id = ?", Long.class, id)).isEqualTo(1);

            // 5. the department marks the comment and drafts the feedback
            office.signIn(baseUrl(), clerk, TestAccounts.PASSWORD);
            d.get(baseUrl() + "/admin/consultations/" + id);
            String console = d.findElement(By.id("comments")).getText();
            assertThat(console).contains(receipt, commenterName, contact); // the department sees who wrote and how to reach them
            long commentId = jdbc.queryForObject("select id from consultation_comment where consultation_id = ?", Long.class, id);
            d.findElement(By.id("decision-" + commentId + "-PARTLY")).click();
            d.findElement(By.cssSelector("#comment-" + commentId + " button[type=submit]")).click();
            office.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.alert")));
            assertThat(d.findElement(By.cssSelector(".flash.alert")).getText()).contains("请说明理由");
            d.findElement(By.id("decision-" + commentId + "-PARTLY")).click();
            d.findElement(By.id("reason-" + commentId)).sendKeys("优先通行由交通法规规定，本办法作衔接性表述。");
            d.findElement(By.cssSelector("#comment-" + commentId + " button[type=submit]")).click();
            office.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "已保存采纳情况"));
            assertThat(d.findElement(By.cssSelector("table.stats")).getText()).contains("1");
            office.screenshot("consultation-admin-detail-comments");
            d.findElement(By.id("summary")).sendKeys("征求意见期间共收到意见1条，经研究部分采纳。");
            d.findElement(By.cssSelector("#feedback button[type=submit]")).click();
            office.waiting().until(ExpectedConditions.urlMatches(".*/admin/documents/\\d+$"));
            String feedbackTitle = "关于《" + title + "》征求意见采纳情况的反馈";
            assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo(feedbackTitle);
            d.findElement(By.xpath("//button[text()='提交保密审查']")).click();
            office.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".state"), "待保密审查"));
            review(office, reviewer, feedbackTitle);
            approve(office, approver, feedbackTitle);

            // 6. the public page shows 已反馈, the masked quote, and never the commenter's name or contact
            p.get(baseUrl() + "/consultations/" + publicId);
            assertThat(p.findElement(By.cssSelector(".consultation-status")).getText()).contains("已反馈");
            String feedback = p.findElement(By.id("feedback")).getText();
            assertThat(feedback).contains("部分采纳", "优先通行由交通法规规定", "138****8000", "4401**********1234");
            phone.screenshot("consultation-answered-phone");
            phone.driver().executeScript("document.getElementById('feedback').scrollIntoView()");
            phone.screenshot("consultation-feedback-phone");
            assertThat(phone.axeViolations()).as("axe on the answered page").isEmpty();
            office.driver().get(baseUrl() + "/consultations/" + publicId);
            office.screenshot("consultation-answered-desktop");
            office.driver().get(baseUrl() + "/consultations");
            office.screenshot("consultation-list-desktop");

            String feedbackId = jdbc.queryForObject("select d.public_id from consultation c join document d on d.id = c.feedback_document_id where c.id = ?",
                    String.class, id);
            StringBuilder everything = new StringBuilder(p.getPageSource());
            for (String path : List.of("/consultations", "/consultations/" + publicId, "/consultations/feed.atom", "/items/" + publicId,
                    "/items/" + feedbackId, "/feed.atom", "/sitemap.xml", "/catalogue/yjzj", "/catalogue/yjzj/feed.atom", "/data")) {
                everything.append(mvc.perform(get(path)).andReturn().getResponse().getContentAsString());
            }
            for (String q : List.of(commenterName, contact, commentPhone, "急救车辆优先通行")) {
                everything.append(mvc.perform(get("/search").param("q", q)).andReturn().getResponse().getContentAsString()
                        .replace(q, "")); // the search page echoes the query itself
            }
            assertThat(everything.toString()).contains("/items/" + feedbackId)
                    .doesNotContain(commenterName).doesNotContain(contact).doesNotContain(commentPhone).doesNotContain("440106199003071234");
        }
    }

    private static boolean horizontalOverflow(Browser browser) {
        return (Boolean) browser.driver().executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
    }

    private static void setDate(Browser browser, String id, String value) {
        browser.driver().executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    private static void setEditor(Browser browser, String html) {
        boolean editor;
        try {
            browser.waiting().until(d -> Boolean.TRUE.equals(browser.driver().executeScript(
                    "return !!(window.tinymce && tinymce.activeEditor && tinymce.activeEditor.initialized)")));
            editor = true;
        } catch (org.openqa.selenium.TimeoutException e) {
            editor = false;
        }
        if (editor) {
            browser.driver().executeScript("tinymce.activeEditor.setContent(arguments[0]); tinymce.activeEditor.save();", html);
        } else {
            browser.driver().executeScript("document.getElementById('draftHtml').value = arguments[0];", html);
        }
    }

    private void review(Browser browser, String reviewer, String title) {
        WebDriver d = browser.driver();
        browser.signIn(baseUrl(), reviewer, TestAccounts.PASSWORD);
        d.get(baseUrl() + "/admin/review");
        d.findElement(By.linkText(title)).click();
        for (String box : CHECKLIST) {
            d.findElement(By.id(box)).click();
        }
        d.findElement(By.id("opinion")).sendKeys("不涉及国家秘密，意见摘要已隐去个人信息，同意公开，报局领导审定。");
        if (!d.findElements(By.id("personalDataNote")).isEmpty()) {
            d.findElement(By.id("personalDataNote")).sendKeys("已核对。");
        }
        d.findElement(By.cssSelector(".review-form button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.urlMatches(".*/admin/review$"));
    }

    private void approve(Browser browser, String approver, String title) {
        WebDriver d = browser.driver();
        browser.signIn(baseUrl(), approver, TestAccounts.PASSWORD);
        d.get(baseUrl() + "/admin/approval");
        d.findElement(By.linkText(title)).click();
        d.findElement(By.id("approve-opinion")).sendKeys("同意发布。");
        d.findElement(By.xpath("//button[text()='同意发布']")).click();
        browser.waiting().until(ExpectedConditions.urlMatches(".*/admin/approval$"));
    }
}
