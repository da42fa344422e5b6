package org.gongkai.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;

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
 * A citizen submits a request on a phone and follows it while the office asks for a correction, the head of the office
 * extends the time limit once (a second extension is refused) and the office replies "partly disclosed". At every step the
 * due date shown to the citizen and in the console is the one the calendar service computes. The clock is fixed on Tuesday
 * 2026-12-15, so the deadline crosses into 2027, a year without an imported arrangement: 元旦 and the Spring Festival are
 * skipped, the console marks the date provisional and the citizen sees only the date.
 */
class RequestLifecycleBrowserTests extends AbstractIntegrationTest {

    @Autowired
    WorkingDayCalendar calendar;

    @Autowired
    Clock clock;

    @Test
    void aRequestFromSubmissionToPartlyDisclosedReply() {
        testClock.fix(LocalDate.of(2026, 12, 15), java.time.LocalTime.of(9, 30));
        LocalDate today = LocalDate.now(clock);
        assertThat(today).isEqualTo(LocalDate.of(2026, 12, 15));
        // an overdue request and one due within 3 working days, for the console list (not the demo's, made on the real date)
        openRequest(LocalDate.of(2026, 11, 2));    // due 2026-11-30: overdue
        openRequest(LocalDate.of(2026, 11, 19));   // due 2026-12-17: 2 working days left
        String reviewer = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        String approver = TestAccounts.create(jdbc, "办公室", "APPROVER");
        String idNumber = RequestTestData.newIdNumber();
        try (Browser citizen = Browser.phone(); Browser office = Browser.desktop(); Browser head = Browser.desktop()) {
            // 1. the citizen submits
            WebDriver c = citizen.driver();
            c.get(baseUrl() + "/requests/new");
            c.findElement(By.id("applicantName")).sendKeys("浏览器测试人");
            c.findElement(By.id("idNumber")).sendKeys(idNumber);
            c.findElement(By.id("phone")).sendKeys("13700001111");
            c.findElement(By.id("email")).sendKeys("citizen@example.cn");
            c.findElement(By.id("address")).sendKeys("示范市中心区浏览器路2号");
            c.findElement(By.id("infoName")).sendKeys("2025年度医疗机构校验结果");
            c.findElement(By.id("infoDescription")).sendKeys("申请获取2025年度全市医疗机构校验结果汇总表。");
            citizen.screenshot("request-form-phone");
            c.findElement(By.id("declaration-box")).click();
            c.findElement(By.cssSelector("form button[type=submit]")).click();
            citizen.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".query-code")));
            String number = c.findElement(By.cssSelector(".request-number")).getText();
            String code = c.findElement(By.cssSelector(".query-code")).getText();
            assertThat(number).matches("YSQ\\d{4}-\\d{5}");
            assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
            LocalDate due = calendar.addWorkingDays(today, 20);
            // Dec 16–18, 21–25, 28–31 (12), 2027-01-01 元旦 skipped, Jan 4–8 (17), 11–13 (20)
            assertThat(due).isEqualTo(LocalDate.of(2027, 1, 13));
            assertThat(c.findElement(By.cssSelector(".due-on")).getText()).isEqualTo(due.toString());
            assertThat(c.findElement(By.cssSelector(".received-on")).getText()).isEqualTo("2026-12-15");
            assertThat(c.findElement(By.tagName("body")).getText()).doesNotContain("暂按", "暂定");
            citizen.screenshot("request-submitted-phone");
            long id = jdbc.queryForObject("select id from info_request where number = ?", Long.class, number);

            // 2. the office assigns it and requests a correction
            signIn(office, reviewer);
            WebDriver o = office.driver();
            o.get(baseUrl() + "/admin/requests/" + id);
            assertThat(o.findElement(By.cssSelector(".due-on")).getText()).isEqualTo(due.toString());
            assertThat(o.findElement(By.cssSelector(".clock-box .provisional")).getText()).isEqualTo("暂按法定节假日推算");
            new Select(o.findElement(By.id("departmentId"))).selectByVisibleText("医政医管科");
            o.findElement(By.cssSelector("form[action$='/assign'] button")).click();
            office.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "已交办"));
            o.findElement(By.id("correction-note")).sendKeys("请写明所需校验结果涉及的医疗机构类别。");
            // a deadline before today is refused next to its field, and what was typed is still there
            setDate(o, "correction-due", today.minusDays(5));
            o.findElement(By.cssSelector("form[action$='/correction'] button")).click();
            office.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("correction-due-error")));
            assertThat(o.findElement(By.id("correction-due-error")).getText()).contains("补正期限须是晚于今天的日期");
            assertThat(o.findElement(By.id("correction-due")).getDomProperty("value")).isEqualTo(today.minusDays(5).toString());
            assertThat(o.findElement(By.id("correction-note")).getDomProperty("value")).isEqualTo("请写明所需校验结果涉及的医疗机构类别。");
            office.screenshot("request-correction-refused");
            LocalDate correctionDue = today.plusDays(15);
            setDate(o, "correction-due", correctionDue);
            o.findElement(By.cssSelector("form[action$='/correction'] button")).click();
            office.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "补正"));
            assertThat(o.findElement(By.cssSelector(".correction-due-on")).getText()).isEqualTo(correctionDue.toString());

            // 3. the citizen sees the correction notice
            track(citizen, number, code);
            assertThat(c.findElement(By.cssSelector(".request-state")).getText()).isEqualTo("待补正");
            assertThat(c.findElement(By.cssSelector(".correction-note")).getText()).contains("医疗机构类别");
            assertThat(c.findElement(By.cssSelector(".correction-due-on")).getText()).isEqualTo(correctionDue.toString());
            assertThat(c.findElement(By.tagName("body")).getText()).doesNotContain("浏览器测试人", idNumber, "13700001111");
            citizen.screenshot("request-correction-phone");

            // 4. the corrected request arrives today: the clock restarts (条例第30条)
            o.findElement(By.cssSelector("form[action$='/corrected'] button")).click();
            office.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "重新计算"));
            assertThat(o.findElement(By.cssSelector(".due-on")).getText()).isEqualTo(calendar.addWorkingDays(today, 20).toString());

            // 5. the head of the office extends once; a second extension is refused
            signIn(head, approver);
            WebDriver h = head.driver();
            h.get(baseUrl() + "/admin/requests/" + id);
            h.findElement(By.id("extension-reason")).sendKeys("需调取各区校验档案，工作量大。");
            h.findElement(By.cssSelector("form[action$='/extend'] button")).click();
            head.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "已批准延期"));
            LocalDate extended = calendar.addWorkingDays(today, 40);
            // … Feb 1–4 (36), 2027-02-05 除夕 and 02-08 初三 skipped (02-06/07 a weekend), Feb 9–12 (40)
            assertThat(extended).isEqualTo(LocalDate.of(2027, 2, 12));
            assertThat(h.findElement(By.cssSelector(".due-on")).getText()).isEqualTo(extended.toString());
            h.findElement(By.id("extension-reason")).sendKeys("再次延期");
            h.findElement(By.cssSelector("form[action$='/extend'] button")).click();
            head.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.alert"), "只能延长一次"));
            assertThat(h.findElement(By.cssSelector(".due-on")).getText()).isEqualTo(extended.toString());
            head.screenshot("request-extension-refused");

            track(citizen, number, code);
            assertThat(c.findElement(By.cssSelector(".due-on")).getText()).isEqualTo(extended.toString());
            assertThat(c.findElement(By.tagName("body")).getText()).doesNotContain("暂按", "暂定");
            assertThat(c.findElement(By.cssSelector(".extension-note")).getText()).contains("20个工作日");

            // 6. the office replies "partly disclosed"
            o.get(baseUrl() + "/admin/requests/" + id);
            new Select(o.findElement(By.id("reply-type"))).selectByValue("PARTLY_DISCLOSED");
            o.findElement(By.id("reply-opinion")).sendKeys("校验结果汇总表予以公开；涉及个人执业信息的部分依据条例第十五条不予公开。");
            o.findElement(By.cssSelector("form.reply-form button[value=issue]")).click();
            office.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash.notice"), "已发出答复"));
            office.screenshot("request-replied-console");

            // 7. the citizen sees the reply and the remedy notice
            track(citizen, number, code);
            assertThat(c.findElement(By.cssSelector(".request-state")).getText()).isEqualTo("已答复");
            assertThat(c.findElement(By.cssSelector(".reply-type")).getText()).isEqualTo("部分公开");
            assertThat(c.findElement(By.cssSelector(".reply-text")).getText()).contains("第三十七条", "不予公开");
            assertThat(c.findElement(By.cssSelector(".remedy-text")).getText()).contains("60日", "行政复议", "6个月", "行政诉讼");
            assertThat(c.findElement(By.cssSelector(".replied-on")).getText()).isEqualTo(today.toString());
            assertThat(c.findElement(By.tagName("body")).getText()).doesNotContain(idNumber);
            citizen.screenshot("request-reply-phone");
            // the console dashboard: open requests by days left, due-soon and overdue highlighted, frequent subjects listed
            o.get(baseUrl() + "/admin/requests");
            assertThat(o.findElements(By.cssSelector("tr.overdue"))).isNotEmpty();
            assertThat(o.findElements(By.cssSelector("tr.due-soon"))).isNotEmpty();
            assertThat(o.findElement(By.cssSelector("ul.frequent")).getText()).contains("2025年第三季度生活饮用水水质监测结果");
            var rows = o.findElements(By.cssSelector(".requests-table tbody tr"));
            assertThat(rows.get(0).getAttribute("class")).contains("overdue");
            assertThat(rows.get(0).findElement(By.tagName("td")).getCssValue("background-color")).isEqualTo("rgba(248, 215, 215, 1)");
            office.screenshot("request-dashboard");
            o.get(baseUrl() + "/admin/requests/" + id);
            o.findElement(By.linkText("打开答复书（可打印）")).click();
            assertThat(o.findElement(By.tagName("h1")).getText()).isEqualTo("政府信息公开申请答复书");
            assertThat(o.findElement(By.tagName("body")).getText()).contains(number, "6个月").doesNotContain(idNumber);
            office.screenshot("request-reply-document");
            // the printable letter, and the same letter as a PDF with the Chinese text embedded
            assertThat(jdbc.queryForList("select content_type from request_file where request_id = ? and kind = 'REPLY' order by id",
                    String.class, id)).containsExactly("text/html", "application/pdf");
            byte[] letter = jdbc.queryForObject("select bytes from request_file where request_id = ? and content_type = 'application/pdf'",
                    byte[].class, id);
            try (var pdf = org.apache.pdfbox.Loader.loadPDF(letter)) {
                assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf)).contains("政府信息公开申请答复书", number)
                        .doesNotContain(idNumber);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            assertThat(jdbc.queryForList("select action from audit_event where object_id = ? order by id", String.class, number))
                    .containsSubsequence("request.received", "request.assigned", "request.correctionRequested", "request.corrected",
                            "request.extended", "request.replied");
        }
    }

    private static void setDate(WebDriver driver, String id, LocalDate value) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
                id, value.toString());
    }

    /** An open request received on the given day, assigned to no one, straight into the table. */
    private void openRequest(LocalDate receivedOn) {
        jdbc.update("""
                insert into info_request (number, query_code_hash, channel, applicant_kind, applicant_category, applicant_name, id_type,
                    id_number, phone, address, info_name, info_description, provision_form, obtain_way, state, submitted_at, received_on,
                    clock_start_on)
                values (?, 'x', 'WEB', 'PERSON', 'NATURAL_PERSON', '测试', 'RESIDENT_ID', '0', '0', '地址', '期限列表测试', '期限列表测试',
                    'EMAIL', 'EMAIL', 'RECEIVED', now(), ?, ?)""",
                "T" + java.util.UUID.randomUUID().toString().substring(0, 12), receivedOn, receivedOn);
    }

    private void signIn(Browser browser, String username) {
        browser.signIn(baseUrl(), username, TestAccounts.PASSWORD);
    }

    private void track(Browser browser, String number, String code) {
        WebDriver d = browser.driver();
        d.get(baseUrl() + "/requests/track");
        d.findElement(By.id("number")).sendKeys(number);
        d.findElement(By.id("code")).sendKeys(code);
        d.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".request-state")));
    }
}
