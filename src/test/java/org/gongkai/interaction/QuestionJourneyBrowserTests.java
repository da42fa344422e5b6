package org.gongkai.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.calendar.WorkingDayCalendar;
import org.gongkai.support.Browser;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 政民互动 from question to public answer (issue 17): a citizen asks on a phone, the office assigns the question, the
 * department answers, the reviewer passes it and the public Q&A page shows it (never the asker's contact). A question nobody
 * answers is overdue on the office's start page once the fixed clock passes its working-day limit, and the daily run reminds
 * the department. The new public pages pass axe in normal and 长者模式, on a phone and a desktop.
 */
class QuestionJourneyBrowserTests extends AbstractIntegrationTest {

    @Autowired
    WorkingDayCalendar calendar;

    @Autowired
    Questions questions;

    @Test
    void aCitizensQuestionIsAssignedAnsweredReviewedAndPublished() {
        // Tuesday 2026-11-17: five working days later is Tuesday 2026-11-24
        testClock.fix(LocalDate.of(2026, 11, 17), java.time.LocalTime.of(9, 0));
        String office = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        String title = "浏览器测试：社区医院周末有门诊吗" + System.nanoTime() % 100000;
        String contact = "13912340000";
        try (Browser citizen = Browser.phone(375, 812); Browser staff = Browser.desktop(); Browser department = Browser.desktop()) {
            // 1. the citizen asks on a phone
            WebDriver c = citizen.driver();
            c.get(baseUrl() + "/questions");
            citizen.screenshot("questions-list-phone");
            c.findElement(By.linkText("我要提问")).click();
            citizen.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("topic")));
            // a form without the required fields comes back with the messages next to the fields
            c.findElement(By.cssSelector("form button[type=submit]")).click();
            citizen.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".error-summary")));
            assertThat(c.getTitle()).startsWith("错误：");
            assertThat(c.findElement(By.cssSelector(".error-summary")).getText()).contains("请选择主题", "请填写标题", "请填写联系方式");
            citizen.screenshot("questions-new-errors-phone");
            new Select(c.findElement(By.id("topic"))).selectByValue("MEDICAL");
            c.findElement(By.id("title")).sendKeys(title);
            c.findElement(By.id("body")).sendKeys("请问辖区社区卫生服务中心周六、周日是否开设全科门诊？我的电话 13912340000。");
            c.findElement(By.id("askerName")).sendKeys("周末患者");
            c.findElement(By.id("contact")).sendKeys(contact);
            c.findElement(By.id("publish-yes")).click();
            citizen.screenshot("questions-new-phone");
            c.findElement(By.cssSelector("form button[type=submit]")).click();
            citizen.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".query-code")));
            String number = c.findElement(By.cssSelector(".question-number")).getText();
            String code = c.findElement(By.cssSelector(".query-code")).getText();
            assertThat(number).matches("ZMHD2026-\\d{5}");
            assertThat(c.findElement(By.cssSelector(".due-on")).getText())
                    .isEqualTo(calendar.addWorkingDays(LocalDate.of(2026, 11, 17), 5).toString()).isEqualTo("2026-11-24");
            citizen.screenshot("questions-submitted-phone");
            long id = jdbc.queryForObject("select id from question where number = ?", Long.class, number);

            // 2. the office assigns it to 医政医管科
            staff.signIn(baseUrl(), office, TestAccounts.PASSWORD);
            WebDriver o = staff.driver();
            o.get(baseUrl() + "/admin/questions");
            assertThat(o.findElement(By.cssSelector(".questions-table")).getText()).contains(number, title);
            staff.screenshot("questions-console-list");
            o.get(baseUrl() + "/admin/questions/" + id);
            assertThat(o.findElement(By.cssSelector("dl.facts")).getText()).contains(contact, "周末患者");
            new Select(o.findElement(By.id("departmentId"))).selectByVisibleText("医政医管科");
            o.findElement(By.cssSelector("form[action$='/assign'] button")).click();
            staff.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "已交办"));
            assertThat(o.findElement(By.cssSelector(".department")).getText()).isEqualTo("医政医管科");

            // 3. the department answers
            department.signIn(baseUrl(), clerk, TestAccounts.PASSWORD);
            WebDriver d = department.driver();
            d.get(baseUrl() + "/admin/questions");
            d.findElement(By.linkText(number)).click();
            department.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("answer")));
            d.findElement(By.id("answer")).sendKeys("您好！辖区各社区卫生服务中心周六上午开设全科门诊，周日及节假日请前往二级以上医院急诊就诊。");
            department.screenshot("questions-console-answer");
            d.findElement(By.cssSelector("form[action$='/answer'] button")).click();
            department.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "提交审核"));
            assertThat(d.findElement(By.cssSelector(".question-state")).getText()).isEqualTo("答复待审核");
            // not public before the review
            c.get(baseUrl() + "/questions/" + id);
            assertThat(c.findElement(By.tagName("body")).getText()).doesNotContain("周六上午开设全科门诊");

            // 4. the reviewer passes it, removing the phone number from the public text
            o.get(baseUrl() + "/admin/questions/" + id);
            assertThat(o.findElement(By.id("publicBody")).getDomProperty("value")).contains("139****0000").doesNotContain(contact);
            // passing without the confirmation is refused
            o.findElement(By.cssSelector("form.pass-form button")).click();
            staff.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.alert"), "保密审查"));
            staff.screenshot("questions-console-review");
            o.findElement(By.id("confirmed")).click();
            o.findElement(By.cssSelector("form.pass-form button")).click();
            staff.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "审核通过"));
            assertThat(o.findElement(By.cssSelector(".question-state")).getText()).isEqualTo("已答复");
            // the office makes it a FAQ entry, starting from the passed texts
            o.findElement(By.linkText("加入常见问题")).click();
            staff.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("faq-question")));
            assertThat(o.findElement(By.id("faq-question")).getDomProperty("value")).isEqualTo(title);
            assertThat(o.findElement(By.id("faq-answer")).getDomProperty("value")).contains("周六上午开设全科门诊");
            o.findElement(By.id("faq-question")).clear();
            o.findElement(By.id("faq-question")).sendKeys("社区卫生服务中心周末开门诊吗？" + title.substring(title.length() - 5));
            staff.screenshot("questions-console-faq");
            o.findElement(By.cssSelector("form.faq-form button")).click();
            staff.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "已加入常见问题"));

            // 5. the public Q&A page shows it, listed under its topic, in the search and the feed
            c.get(baseUrl() + "/questions/" + id);
            assertThat(c.findElement(By.tagName("h1")).getText()).isEqualTo(title);
            assertThat(c.findElement(By.cssSelector(".answer-text")).getText()).contains("周六上午开设全科门诊");
            assertThat(c.findElement(By.cssSelector(".answered-by")).getText()).isEqualTo("医政医管科");
            assertThat(c.findElement(By.tagName("body")).getText()).doesNotContain(contact, "周末患者").contains("139****0000");
            citizen.screenshot("questions-show-phone");
            c.get(baseUrl() + "/questions");
            assertThat(c.findElement(By.cssSelector(".faq")).getText()).contains("社区卫生服务中心周末开门诊吗？" + title.substring(title.length() - 5));
            c.get(baseUrl() + "/questions?topic=MEDICAL");
            assertThat(c.findElement(By.cssSelector(".qa-list")).getText()).contains(title);
            c.get(baseUrl() + "/questions?q=" + java.net.URLEncoder.encode("周末有门诊", java.nio.charset.StandardCharsets.UTF_8));
            assertThat(c.findElement(By.cssSelector(".qa-list")).getText()).contains(title);
            c.get(baseUrl() + "/search?q=" + java.net.URLEncoder.encode("周末有门诊", java.nio.charset.StandardCharsets.UTF_8));
            assertThat(c.findElement(By.cssSelector(".question-hits")).getText()).contains(title);
            citizen.screenshot("questions-in-search-phone");
            // the asker follows it with number and code
            c.get(baseUrl() + "/questions/track");
            c.findElement(By.id("number")).sendKeys(number);
            c.findElement(By.id("code")).sendKeys(code);
            c.findElement(By.cssSelector("form button[type=submit]")).click();
            citizen.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".question-state")));
            assertThat(c.findElement(By.cssSelector(".question-state")).getText()).isEqualTo("已答复");
            assertThat(c.findElement(By.cssSelector(".answer-text")).getText()).contains("周六上午开设全科门诊");
            citizen.screenshot("questions-status-phone");

            // 6. a citizen rates the answer: once per address
            c.get(baseUrl() + "/questions/" + id);
            c.findElement(By.cssSelector(".rating-form button[value=SATISFIED]")).click();
            citizen.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rating-outcome")));
            assertThat(c.findElement(By.cssSelector(".rating-outcome")).getText()).contains("感谢");
            citizen.screenshot("rating-recorded-phone");
            c.get(baseUrl() + "/questions/" + id);
            c.findElement(By.cssSelector(".rating-form button[value=UNSATISFIED]")).click();
            citizen.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rating-outcome")));
            assertThat(c.findElement(By.cssSelector(".rating-outcome")).getText()).contains("已评价过本页");
            assertThat(jdbc.queryForList("select score from rating where target_kind = 'QUESTION' and target_id = ?", String.class,
                    String.valueOf(id))).containsExactly("SATISFIED");

            assertThat(jdbc.queryForList("select action from audit_event where object_id = ? order by id", String.class, number))
                    .containsExactly("question.received", "question.assigned", "question.answered", "question.passed");
            // the contact is in no audit summary
            assertThat(jdbc.queryForObject("select count(*) from audit_event where summary like ?", Long.class, "%" + contact + "%"))
                    .isZero();
        }
    }

    @Test
    void anUnansweredQuestionPastItsLimitIsOverdueOnTheDashboardAndRemindsTheDepartment() {
        testClock.fix(LocalDate.of(2026, 11, 17), java.time.LocalTime.of(9, 0));
        String clerk = TestAccounts.create(jdbc, "疾病预防控制科", "CLERK");
        var receipt = questions.ask(new Questions.AskCommand(QuestionTopic.DISEASE, "逾期测试：狂犬疫苗在哪里打" + System.nanoTime() % 100000,
                "被猫抓伤后应到哪里接种狂犬疫苗？", null, "13700000001", true, null));
        long department = jdbc.queryForObject("select id from department where name = '疾病预防控制科'", Long.class);
        jdbc.update("update question set state = 'ASSIGNED', department_id = ? where id = ?", department, receipt.id());
        assertThat(receipt.dueOn()).isEqualTo(LocalDate.of(2026, 11, 24));
        String office = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        try (Browser browser = Browser.desktop()) {
            browser.signIn(baseUrl(), office, TestAccounts.PASSWORD);
            WebDriver o = browser.driver();
            // on the last day it is not overdue yet
            testClock.fix(LocalDate.of(2026, 11, 24), java.time.LocalTime.of(17, 0));
            o.get(baseUrl() + "/admin");
            assertThat(o.findElement(By.tagName("main")).getText()).doesNotContain(receipt.number());
            assertThat(questions.remind()).isGreaterThanOrEqualTo(0);
            // the next working day it is
            testClock.fix(LocalDate.of(2026, 11, 25), java.time.LocalTime.of(9, 0));
            o.get(baseUrl() + "/admin");
            assertThat(o.findElement(By.cssSelector(".overdue-questions")).getText())
                    .contains(receipt.number(), "疾病预防控制科", "逾期 1 个工作日");
            browser.screenshot("questions-overdue-dashboard");
            o.get(baseUrl() + "/admin/questions");
            var row = o.findElement(By.xpath("//tr[td/a[text()='" + receipt.number() + "']]"));
            assertThat(row.getAttribute("class")).contains("overdue");
            assertThat(row.getText()).contains("逾期 1 个工作日");
            browser.screenshot("questions-overdue-list");
            // the ratings statistics with their chart (drawn by ECharts from the same numbers as the table)
            o.get(baseUrl() + "/admin/ratings");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".table-chart canvas")));
            assertThat(o.findElement(By.cssSelector(".ratings-by-column")).getText()).contains("政民互动");
            browser.screenshot("ratings-console");
            ((org.openqa.selenium.JavascriptExecutor) o).executeScript("document.querySelector('.ratings-by-column').scrollIntoView()");
            browser.screenshot("ratings-console-by-column");
            o.get(baseUrl() + "/admin/questions/faq");
            browser.screenshot("questions-console-faq-list");
        }
        // the daily run reminds the department once a day
        assertThat(questions.remind()).isGreaterThanOrEqualTo(1);
        assertThat(questions.remind()).isZero();
        long clerkId = TestAccounts.idOf(jdbc, clerk);
        assertThat(jdbc.queryForList("select title from notification where recipient_id = ?", String.class, clerkId))
                .contains("政民互动逾期：" + receipt.number());
        assertThat(jdbc.queryForObject("select count(*) from question_notification where question_id = ? and kind = 'OVERDUE'",
                Long.class, receipt.id())).isEqualTo(1);
    }

    @Test
    void theNewPublicPagesPassAxeOnPhoneAndDesktopInBothModes() {
        long published = jdbc.queryForObject("select min(id) from question where published_at is not null", Long.class);
        String item = jdbc.queryForObject("""
                select d.document_id from public_document d where d.status = 'LIVE' order by d.document_id limit 1""", String.class);
        List<String> problems = new ArrayList<>();
        for (boolean phone : new boolean[] {true, false}) {
            try (Browser browser = phone ? Browser.phone(375, 812) : Browser.desktop()) {
                WebDriver driver = browser.driver();
                for (String elder : new String[] {"0", "1"}) {
                    driver.get(baseUrl() + "/preferences/elder?on=" + elder + "&return=/");
                    for (String path : List.of("/questions", "/questions/new", "/questions/" + published, "/questions/track",
                            "/ratings?kind=ITEM&target=" + item + "&score=PARTLY", "/items/" + item)) {
                        driver.get(baseUrl() + path);
                        String name = "qa" + path.replaceAll("[^a-z0-9]+", "-") + (phone ? "-phone" : "-desktop")
                                + (elder.equals("1") ? "-elder" : "");
                        browser.screenshot(name.length() > 80 ? name.substring(0, 80) : name);
                        for (String v : browser.axeViolations()) {
                            if (v.contains(" serious ") || v.contains(" critical ")) {
                                problems.add((phone ? "[phone] " : "") + (elder.equals("1") ? "[长者模式] " : "") + path + ": " + v);
                            }
                        }
                        // nothing sticks out sideways on a phone (the scrollbar's own width aside)
                        if (phone) {
                            Object wide = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                                    "const w = document.documentElement.clientWidth; return Array.from(document.querySelectorAll('body *'))"
                                            + ".filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 5)"
                                            + ".map(e => e.tagName + '.' + e.className).join(', ');");
                            if (!"".equals(wide)) {
                                problems.add("[phone] " + path + ": wider than the screen: " + wide);
                            }
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
