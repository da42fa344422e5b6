package org.gongkai.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.calendar.WorkingDayCalendar;
import org.gongkai.requests.internal.RequestScheduling;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Role scoping, the daily reminder job, lapsed corrections, promotion to proactive disclosure and the Table 3 figures. */
@RecordApplicationEvents
class RequestHandlingTests extends AbstractIntegrationTest {

    @Autowired
    InformationRequests requests;
    @Autowired
    RequestStatistics statistics;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    RequestScheduling.DeadlineJob job;
    @Autowired
    Clock clock;
    @Autowired
    ApplicationEvents events;

    private long submitAssignedTo(String department, int workingDaysAgo, String infoName) {
        var submitted = requests.submit(RequestTestData.command(RequestTestData.newIdNumber(), infoName));
        LocalDate received = LocalDate.now(clock);
        for (int counted = 0; counted < workingDaysAgo; ) {
            received = received.minusDays(1);
            if (calendar.isWorkingDay(received)) {
                counted++;
            }
        }
        jdbc.update("""
                update info_request set state = 'IN_PROGRESS', received_on = ?, clock_start_on = ?,
                department_id = (select id from department where name = ?) where id = ?""", received, received, department, submitted.id());
        return submitted.id();
    }

    @Test
    void aClerkSeesOnlyTheRequestsOfTheirDepartmentAndCannotExtend() throws Exception {
        long id = submitAssignedTo("医政医管科", 2, "科室范围测试");
        long version = jdbc.queryForObject("select version from info_request where id = ?", Long.class, id);
        mvc.perform(get("/admin/requests/" + id).with(as("clerk"))).andExpect(status().isNotFound());
        mvc.perform(get("/admin/requests/" + id).with(as("clerk2"))).andExpect(status().isOk());
        assertThat(mvc.perform(get("/admin/requests").with(as("clerk"))).andReturn().getResponse().getContentAsString())
                .doesNotContain("科室范围测试");
        mvc.perform(post("/admin/requests/" + id + "/extend").with(as("clerk2")).with(csrf())
                .param("version", "" + version).param("days", "10").param("reason", "x")).andExpect(status().isForbidden());
        mvc.perform(post("/admin/requests/" + id + "/extend").with(as("reviewer")).with(csrf())
                .param("version", "" + version).param("days", "10").param("reason", "x")).andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("select extension_days from info_request where id = ?", Integer.class, id)).isNull();
        // a clerk of the department drafts; only the office issues
        mvc.perform(post("/admin/requests/" + id + "/reply").with(as("clerk2")).with(csrf()).param("version", "" + version)
                .param("type", "DISCLOSED").param("opinion", "草稿意见").param("mode", "draft")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/requests/" + id + "/reply").with(as("clerk2")).with(csrf()).param("version", "" + (version + 1))
                .param("type", "DISCLOSED").param("opinion", "草稿意见").param("mode", "issue")).andExpect(status().isForbidden());
        assertThat(jdbc.queryForMap("select state, reply_draft from info_request where id = ?", id))
                .containsEntry("state", "IN_PROGRESS").containsEntry("reply_draft", "草稿意见");
    }

    @Test
    void theDailyJobRemindsTheAssignedDepartmentOnceAndEndsLapsedCorrections() {
        long overdue = submitAssignedTo("综合监督科（卫生监督所）", 25, "逾期提醒测试");
        long dueSoon = submitAssignedTo("综合监督科（卫生监督所）", 18, "即将到期提醒测试");
        long lapsed = submitAssignedTo("综合监督科（卫生监督所）", 5, "补正逾期测试");
        jdbc.update("update info_request set state = 'CORRECTION_REQUESTED', correction_requested_on = received_on, correction_due_on = ?, correction_note = '补正' where id = ?",
                LocalDate.now(clock).minusDays(1), lapsed);
        job.run();
        job.run();
        assertThat(jdbc.queryForList("select kind from request_notification where request_id = ?", String.class, overdue)).containsExactly("OVERDUE");
        assertThat(jdbc.queryForList("select kind from request_notification where request_id = ?", String.class, dueSoon)).containsExactly("DUE_SOON");
        assertThat(jdbc.queryForObject("select state from info_request where id = ?", String.class, lapsed)).isEqualTo("DEEMED_WITHDRAWN");
        assertThat(jdbc.queryForObject("""
                select count(*) from notification n join staff_user u on u.id = n.recipient_id
                where u.username = 'clerk3' and n.link = ?""", Long.class, "/admin/requests/" + overdue)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from shedlock where name = 'requests-deadline-reminders'", Long.class)).isEqualTo(1);
    }

    @Test
    void aDisclosedReplyIsPromotedToProactiveDisclosureOnce() throws Exception {
        long id = submitAssignedTo("疾病预防控制科", 3, "转主动公开测试信息");
        long version = jdbc.queryForObject("select version from info_request where id = ?", Long.class, id);
        mvc.perform(post("/admin/requests/" + id + "/reply").with(as("reviewer")).with(csrf()).param("version", "" + version)
                .param("type", "DISCLOSED").param("opinion", "予以公开。").param("mode", "issue")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/requests/" + id + "/promote").with(as("reviewer")).with(csrf()).param("version", "" + (version + 1)))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/requests/" + id + "/promote").with(as("reviewer")).with(csrf()).param("version", "" + (version + 2)))
                .andExpect(status().is3xxRedirection());
        assertThat(events.stream(RequestPromotionRequested.class).filter(e -> e.title().equals("转主动公开测试信息")).count()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'request.promoted' and summary like '%转主动公开测试信息%'",
                Long.class)).isEqualTo(1);
        // the department's clerk is asked to publish it, and the notice opens a prefilled new item
        String link = jdbc.queryForObject("""
                select n.link from notification n join staff_user u on u.id = n.recipient_id
                where u.username = 'clerk' and n.title = '请主动公开：转主动公开测试信息'""", String.class);
        mvc.perform(get(java.net.URI.create(link)).with(as("clerk"))).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("value=\"转主动公开测试信息\""),
                                org.hamcrest.Matchers.containsString("转为主动公开。"))));
    }

    @Test
    void table3CountsTheDemoYear2025ByApplicantColumn() {
        Map<Table3Row, Map<ApplicantCategory, Long>> table = statistics.table3(2025);
        assertThat(table).hasSize(25);
        assertThat(table.get(Table3Row.NEW_RECEIVED)).containsEntry(ApplicantCategory.NATURAL_PERSON, 3L)
                .containsEntry(ApplicantCategory.BUSINESS, 1L).containsEntry(ApplicantCategory.LEGAL_SERVICE, 1L);
        assertThat(table.get(Table3Row.DISCLOSED)).containsEntry(ApplicantCategory.NATURAL_PERSON, 2L);
        assertThat(table.get(Table3Row.PARTLY_DISCLOSED)).containsEntry(ApplicantCategory.BUSINESS, 1L);
        assertThat(table.get(Table3Row.UNABLE_NOT_HELD)).containsEntry(ApplicantCategory.NATURAL_PERSON, 1L);
        assertThat(table.get(Table3Row.TOTAL)).containsEntry(ApplicantCategory.NATURAL_PERSON, 3L);
        assertThat(table.get(Table3Row.CARRIED_FORWARD)).containsEntry(ApplicantCategory.LEGAL_SERVICE, 1L);
        Map<Table3Row, Map<ApplicantCategory, Long>> next = statistics.table3(2026);
        assertThat(next.get(Table3Row.CARRIED_OVER)).containsEntry(ApplicantCategory.LEGAL_SERVICE, 1L);
        assertThat(next.get(Table3Row.NOT_DISCLOSED_THIRD_PARTY_RIGHTS)).containsEntry(ApplicantCategory.LEGAL_SERVICE, 1L);
    }

    @Test
    void aLetterIsRegisteredWithTheDayItWasSignedForAsTheReceiptDate() throws Exception {
        LocalDate signedFor = LocalDate.now(clock).minusDays(3);
        String page = mvc.perform(post("/admin/requests/new").with(as("reviewer")).with(csrf())
                        .param("channel", "LETTER").param("receivedOn", signedFor.toString())
                        .param("applicantKind", "PERSON").param("applicantName", "来信测试人").param("idType", "PASSPORT")
                        .param("idNumber", "E12345678").param("phone", "020-88886666").param("address", "示范市来信路1号")
                        .param("infoName", "来信申请测试").param("infoDescription", "信函申请").param("provisionForm", "PAPER")
                        .param("obtainWay", "POST").param("declaration", "true"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("申请已登记", "query-code", calendar.addWorkingDays(signedFor, 20).toString());
        assertThat(jdbc.queryForMap("select channel, received_on from info_request where info_name = '来信申请测试'"))
                .containsEntry("channel", "LETTER").containsEntry("received_on", java.sql.Date.valueOf(signedFor));

        String refused = mvc.perform(post("/admin/requests/new").with(as("reviewer")).with(csrf())
                        .param("channel", "FAX").param("receivedOn", LocalDate.now(clock).plusDays(1).toString())
                        .param("applicantKind", "PERSON").param("applicantName", "传真测试人").param("idType", "PASSPORT")
                        .param("idNumber", "E1").param("phone", "020-88886666").param("address", "地址")
                        .param("infoName", "未来日期测试").param("infoDescription", "x").param("provisionForm", "PAPER")
                        .param("obtainWay", "POST").param("declaration", "true"))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(refused).contains("收到日期不能晚于今天");
        assertThat(jdbc.queryForObject("select count(*) from info_request where info_name = '未来日期测试'", Long.class)).isZero();
        mvc.perform(post("/admin/requests/new").with(as("clerk")).with(csrf()).param("channel", "LETTER")
                .param("receivedOn", signedFor.toString()).param("applicantKind", "PERSON").param("applicantName", "x")
                .param("idType", "PASSPORT").param("idNumber", "E1").param("phone", "020-88886666").param("address", "a")
                .param("infoName", "文员不能登记").param("infoDescription", "x").param("provisionForm", "PAPER")
                .param("obtainWay", "POST").param("declaration", "true")).andExpect(status().isForbidden());
    }
}
