package org.gongkai.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gongkai.requests.RequestTestData.from;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/** Tracking reveals nothing to a guesser: a wrong code and an unknown number answer alike, and guessing is rate-limited. */
class RequestTrackingTests extends AbstractIntegrationTest {

    @Autowired
    InformationRequests requests;


    @Autowired

    RequestIntake intake;

    @Test
    void aWrongCodeAndAnUnknownNumberGiveIdenticalAnswers() throws Exception {
        var submitted = intake.submit(RequestTestData.command(RequestTestData.newIdNumber(), "追踪测试信息"));
        MockHttpSession session = new MockHttpSession();
        MvcResult wrongCode = mvc.perform(post("/requests/track").session(session).with(csrf()).with(from("10.20.0.1"))
                .param("number", submitted.number()).param("code", "AAAA-BBBB-CCCC")).andReturn();
        MvcResult unknown = mvc.perform(post("/requests/track").session(session).with(csrf()).with(from("10.20.0.1"))
                .param("number", "YSQ2099-99999").param("code", submitted.queryCode())).andReturn();
        MvcResult right = mvc.perform(post("/requests/track").session(session).with(csrf()).with(from("10.20.0.1"))
                .param("number", submitted.number()).param("code", submitted.queryCode().toLowerCase())).andReturn();

        assertThat(wrongCode.getResponse().getStatus()).isEqualTo(200).isEqualTo(unknown.getResponse().getStatus());
        assertThat(wrongCode.getResponse().getHeaderNames()).isEqualTo(unknown.getResponse().getHeaderNames());
        // identical bytes once the per-render CSRF token (masked anew on every render, BREACH protection) is blanked
        assertThat(withoutCsrf(wrongCode)).isEqualTo(withoutCsrf(unknown)).contains("申请编号或查询码不正确");
        assertThat(withoutCsrf(right)).contains(submitted.number(), "已收到").doesNotContain("申请编号或查询码不正确");
    }

    @Test
    void twentyRapidAttemptsAreRateLimited() throws Exception {
        int limited = 0;
        int firstLimited = -1;
        for (int i = 0; i < 20; i++) {
            int status = mvc.perform(post("/requests/track").with(csrf()).with(from("10.20.0.2"))
                    .param("number", "YSQ2026-" + String.format("%05d", 90000 + i)).param("code", "WXYZ-WXYZ-WXYZ"))
                    .andReturn().getResponse().getStatus();
            if (status == 429) {
                limited++;
                if (firstLimited < 0) {
                    firstLimited = i;
                }
            }
        }
        assertThat(firstLimited).isEqualTo(10);
        assertThat(limited).isEqualTo(10);
        // another address is not affected
        assertThat(mvc.perform(post("/requests/track").with(csrf()).with(from("10.20.0.3")).param("number", "x").param("code", "y"))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void anOverdueRequestStillInHandSaysSoAndNamesTheRouteToComplain() throws Exception {
        testClock.fix(LocalDate.of(2026, 12, 15));
        var submitted = intake.submit(RequestTestData.command(RequestTestData.newIdNumber(), "逾期提示测试信息"));
        long department = jdbc.queryForObject("select id from department where active order by id limit 1", Long.class);
        mvc.perform(post("/admin/requests/{id}/assign", submitted.id()).with(csrf()).with(as("reviewer"))
                .param("version", "" + jdbc.queryForObject("select version from info_request where id = ?", Long.class, submitted.id()))
                .param("departmentId", "" + department));
        assertThat(jdbc.queryForObject("select state from info_request where id = ?", String.class, submitted.id())).isEqualTo("IN_PROGRESS");
        String due = submitted.dueOn().toString();

        // on the last day of the deadline: no notice
        testClock.fix(submitted.dueOn());
        String onTime = track(submitted, "10.20.0.4");
        assertThat(onTime).contains(due, "办理中").doesNotContain("已超过答复期限", "投诉、举报");

        // the next day the deadline has passed and nothing was replied
        testClock.fix(submitted.dueOn().plusDays(1));
        String late = track(submitted, "10.20.0.4");
        assertThat(late).contains("已超过答复期限", "本申请的答复期限为" + due + "，现已超过期限",
                "第五十一条", "可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼",
                "href=\"/guide\"");
    }

    @Test
    void theOverdueNoticeOnAPhoneInBothModes() throws Exception {
        testClock.fix(LocalDate.of(2026, 12, 15));
        var submitted = intake.submit(RequestTestData.command(RequestTestData.newIdNumber(), "逾期提示页面测试信息"));
        testClock.fix(submitted.dueOn().plusDays(3));
        try (org.gongkai.support.Browser browser = org.gongkai.support.Browser.phone(390, 844)) {
            var driver = browser.driver();
            for (String elder : new String[] {"0", "1"}) {
                driver.get(baseUrl() + "/preferences/elder?on=" + elder + "&return=/requests/track");
                driver.findElement(org.openqa.selenium.By.id("number")).sendKeys(submitted.number());
                driver.findElement(org.openqa.selenium.By.id("code")).sendKeys(submitted.queryCode());
                driver.findElement(org.openqa.selenium.By.cssSelector("main form button[type=submit]")).click();
                browser.waiting().until(d -> !d.findElements(org.openqa.selenium.By.cssSelector(".notice-box.overdue")).isEmpty());
                var notice = driver.findElement(org.openqa.selenium.By.cssSelector(".notice-box.overdue"));
                assertThat(notice.getText()).contains("已超过答复期限", "投诉、举报");
                driver.executeScript("arguments[0].scrollIntoView()", notice);
                browser.screenshot("request-overdue-phone" + ("1".equals(elder) ? "-elder" : ""));
                assertThat(browser.axeViolations()).as("axe, elder=" + elder).isEmpty();
            }
        }
    }

    @Test
    void aRequestWaitingForTheApplicantsCorrectionIsNotOverdue() throws Exception {
        testClock.fix(LocalDate.of(2026, 12, 15));
        var submitted = intake.submit(RequestTestData.command(RequestTestData.newIdNumber(), "补正中逾期测试信息"));
        mvc.perform(post("/admin/requests/{id}/correction", submitted.id()).with(csrf()).with(as("reviewer"))
                .param("version", "" + jdbc.queryForObject("select version from info_request where id = ?", Long.class, submitted.id()))
                .param("note", "请写明所需信息的年份").param("dueOn", "2026-12-30"));
        assertThat(jdbc.queryForObject("select state from info_request where id = ?", String.class, submitted.id()))
                .isEqualTo("CORRECTION_REQUESTED");
        testClock.fix(submitted.dueOn().plusDays(5));
        assertThat(track(submitted, "10.20.0.5")).contains("补正告知").doesNotContain("已超过答复期限");
    }

    private String track(RequestIntake.Submitted submitted, String address) throws Exception {
        return mvc.perform(post("/requests/track").with(csrf()).with(from(address))
                        .param("number", submitted.number()).param("code", submitted.queryCode()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static String withoutCsrf(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8)
                .replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\" value=\"\"");
    }
}
