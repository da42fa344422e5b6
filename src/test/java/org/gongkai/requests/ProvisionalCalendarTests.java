package org.gongkai.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gongkai.requests.RequestTestData.from;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.calendar.StatutoryHolidays;
import org.gongkai.calendar.WorkingDayCalendar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The clock past the imported years: 2027 has no State Council arrangement in the seed data, so deadlines that run into it are
 * counted on the statutory holidays of 《全国年节及纪念日放假办法》 and weekends, and marked provisional in the console; importing
 * the official 2027 arrangement replaces them and moves the open requests' deadlines, audited and shown to the applicant.
 */
class ProvisionalCalendarTests extends AbstractIntegrationTest {

    @Autowired
    WorkingDayCalendar calendar;

    @Autowired
    InformationRequests requests;

    @AfterEach
    void forget2027() {
        // the shared test database keeps 2027 without an arrangement for every other test
        jdbc.update("delete from calendar_day where extract(year from day) = 2027");
        jdbc.update("delete from calendar_year where year = 2027");
    }

    @Test
    void lunarHolidaysComeFromTheChineseCalendar() {
        assertThat(StatutoryHolidays.lunarNewYearsEve(2027)).isEqualTo(LocalDate.of(2027, 2, 5));
        assertThat(StatutoryHolidays.springFestival(2027)).isEqualTo(LocalDate.of(2027, 2, 6));
        assertThat(StatutoryHolidays.lunarNewYearsEve(2028)).isEqualTo(LocalDate.of(2028, 1, 25));
        assertThat(StatutoryHolidays.springFestival(2028)).isEqualTo(LocalDate.of(2028, 1, 26));
        assertThat(StatutoryHolidays.qingming(2025)).isEqualTo(LocalDate.of(2025, 4, 4));
        assertThat(StatutoryHolidays.qingming(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(StatutoryHolidays.qingming(2027)).isEqualTo(LocalDate.of(2027, 4, 5));
        Map<LocalDate, String> y2027 = StatutoryHolidays.of(2027);
        assertThat(y2027).hasSize(13).containsEntry(LocalDate.of(2027, 1, 1), "元旦").containsEntry(LocalDate.of(2027, 2, 8), "春节")
                .containsEntry(LocalDate.of(2027, 6, 9), "端午节").containsEntry(LocalDate.of(2027, 9, 15), "中秋节")
                .containsEntry(LocalDate.of(2027, 10, 3), "国庆节").containsEntry(LocalDate.of(2027, 5, 2), "劳动节");
        // 2028: 中秋 falls on 10-3, inside 国庆; the law then gives no extra day
        assertThat(StatutoryHolidays.of(2028)).hasSize(12).containsEntry(LocalDate.of(2028, 10, 3), "中秋节、国庆节");
    }

    @Test
    void everyStatutoryHolidayOf2025And2026IsADayOffInTheOfficialArrangements() {
        for (int year : new int[] {2025, 2026}) {
            List<LocalDate> official = jdbc.queryForList(
                    "select day from calendar_day where kind = 'HOLIDAY' and extract(year from day) = ?", LocalDate.class, year);
            assertThat(official).as("official %d", year).containsAll(StatutoryHolidays.of(year).keySet());
        }
    }

    @Test
    void deadlinesIntoAYearWithoutAnArrangementSkipItsStatutoryHolidaysAndAreProvisional() throws Exception {
        testClock.fix(LocalDate.of(2026, 12, 15));
        WorkingDayCalendar.Rules rules = calendar.rules();
        assertThat(rules.isProvisional(2027)).isTrue();
        assertThat(rules.isProvisional(2026)).isFalse();
        assertThat(rules.isWorkingDay(LocalDate.of(2027, 1, 1))).as("元旦, a Friday").isFalse();
        assertThat(rules.isWorkingDay(LocalDate.of(2027, 2, 5))).as("除夕, a Friday").isFalse();
        assertThat(rules.isWorkingDay(LocalDate.of(2027, 2, 8))).as("初三, a Monday").isFalse();
        assertThat(rules.isWorkingDay(LocalDate.of(2027, 2, 9))).as("初四, a Tuesday").isTrue();
        // Dec 16–18 (3), 21–25 (8), 28–31 (12), [Jan 1 元旦], Jan 4–8 (17), 11–13 (20)
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 12, 15), 20)).isEqualTo(LocalDate.of(2027, 1, 13));
        // Jan 26–29 (4), Feb 1–4 (8), [Feb 5 除夕, 6–7 weekend, 8 初三], Feb 9–12 (12), 15–19 (17), 22–24 (20)
        assertThat(calendar.addWorkingDays(LocalDate.of(2027, 1, 25), 20)).isEqualTo(LocalDate.of(2027, 2, 24));

        var submitted = requests.submit(RequestTestData.command(RequestTestData.newIdNumber(), "跨年期限测试信息"));
        assertThat(submitted.receivedOn()).isEqualTo(LocalDate.of(2026, 12, 15));
        assertThat(submitted.dueOn()).isEqualTo(LocalDate.of(2027, 1, 13));
        RequestView view = requests.load(submitted.id());
        assertThat(view.clock().dueOn()).isEqualTo(LocalDate.of(2027, 1, 13));
        assertThat(view.clock().provisional()).isTrue();
        // the console says so; the applicant sees the date only
        String console = mvc.perform(get("/admin/requests/" + submitted.id()).with(as("reviewer"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(console).contains("2027-01-13", "暂按法定节假日推算");
        String tracking = track(submitted.number(), submitted.queryCode(), "10.21.0.1");
        assertThat(tracking).contains("2027-01-13").doesNotContain("暂按", "暂定", "provisional");
        // a request received before the new year whose deadline stays in 2026 is not provisional
        assertThat(calendar.rules().provisionalBetween(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 30))).isFalse();
    }

    @Test
    void importingThe2027ArrangementMovesOpenDeadlinesAuditsAndTellsTheApplicant() throws Exception {
        testClock.fix(LocalDate.of(2026, 12, 15));
        var submitted = requests.submit(RequestTestData.command(RequestTestData.newIdNumber(), "导入安排测试信息"));
        // extended by 20 working days: the 40th working day after 12-15 runs through the 2027 Spring Festival
        jdbc.update("""
                update info_request set state = 'IN_PROGRESS', extension_days = 20, extension_approved_on = '2026-12-16',
                    extension_approved_by = 'head', extension_reason = '测试' where id = ?""", submitted.id());
        // 01-13 (20), Jan 14–15 (22), 18–22 (27), 25–29 (32), Feb 1–4 (36), [5, 8], Feb 9–12 (40)
        assertThat(requests.load(submitted.id()).clock().dueOn()).isEqualTo(LocalDate.of(2027, 2, 12));
        String before = track(submitted.number(), submitted.queryCode(), "10.21.0.2");
        assertThat(before).contains("2027-02-12").doesNotContain("答复期限调整");

        // a plausible official arrangement: 元旦 1 day, 春节 02-05..02-12 and the make-up working day Sunday 02-14
        String csv = """
                date,kind,name
                2027-01-01,HOLIDAY,元旦
                2027-02-05,HOLIDAY,春节
                2027-02-06,HOLIDAY,春节
                2027-02-07,HOLIDAY,春节
                2027-02-08,HOLIDAY,春节
                2027-02-09,HOLIDAY,春节
                2027-02-10,HOLIDAY,春节
                2027-02-11,HOLIDAY,春节
                2027-02-12,HOLIDAY,春节
                2027-02-14,WORKDAY,春节调休上班
                """;
        // a monthly matter due 30 working days after the month: December 2026's runs through the 2027 Spring Festival
        var department = org.gongkai.publication.PublicationFixtures.newDepartment(jdbc);
        String matterName = "测试月报" + java.util.UUID.randomUUID().toString().substring(0, 8);
        long matter = jdbc.queryForObject("""
                insert into disclosure_matter (name, legal_basis, content, responsible_department_id, time_limit, time_limit_working_days,
                    methods, level, stage, cadence)
                values (?, '测试', '月报', ?, '每月结束后30个工作日内', 30, '网站', '市', '结果', 'MONTHLY') returning id""",
                Long.class, matterName, department.id());
        // Jan 4–29 (20), Feb 1–4 (24), [5, 8], Feb 9–12 (28), 15–16 (30)
        assertThat(december(department.id())).isEqualTo(LocalDate.of(2027, 2, 16));

        mvc.perform(multipart("/admin/calendar/import").file(new MockMultipartFile("file", "2027.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8))).with(as("sysadmin")).with(csrf()));

        assertThat(calendar.rules().isProvisional(2027)).isFalse();
        // Feb 1–4 (36), [5–13 off], Sun 14 make-up (37), 15–17 (40)
        RequestView after = requests.load(submitted.id());
        assertThat(after.clock().dueOn()).isEqualTo(LocalDate.of(2027, 2, 17));
        assertThat(after.clock().provisional()).isFalse();
        assertThat(jdbc.queryForList("select summary from audit_event where action = 'request.deadlineChanged' and object_id = ?",
                String.class, submitted.number())).singleElement().asString().contains("2027-02-12 → 2027-02-17", "2027年节假日安排");
        // Feb 1–4 (24), [5–13], Sun 14 (25), 15–18 (29), 19 (30)
        assertThat(december(department.id())).isEqualTo(LocalDate.of(2027, 2, 19));
        assertThat(jdbc.queryForList("select summary from audit_event where action = 'compliance.deadlineChanged' and object_id = ?",
                String.class, String.valueOf(matter))).singleElement().asString()
                .contains(matterName, "2026年12月", "2027-02-16 → 2027-02-19");
        String tracking = track(submitted.number(), submitted.queryCode(), "10.21.0.3");
        assertThat(tracking).contains("答复期限调整", "答复期限由2027-02-12调整为2027-02-17", "国务院公布了2027年节假日安排");
        assertThat(tracking.indexOf("2027-02-17")).isPositive();
        String console = mvc.perform(get("/admin/requests/" + submitted.id()).with(as("reviewer"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(console).contains("2027-02-12 → 2027-02-17").doesNotContain("暂按法定节假日推算");
    }

    @Test
    void fromOctoberTheStartPagesSayNextYearsArrangementIsMissing() throws Exception {
        testClock.fix(LocalDate.of(2026, 9, 30));
        assertThat(page("/admin", "sysadmin")).doesNotContain("2027年的国务院放假安排尚未导入");
        testClock.fix(LocalDate.of(2026, 10, 1), LocalTime.of(9, 0));
        assertThat(page("/admin", "sysadmin")).contains("2027年的国务院放假安排尚未导入", "/admin/calendar?year=2027");
        assertThat(page("/admin", "reviewer")).contains("2027年的国务院放假安排尚未导入", "请系统管理员").doesNotContain("/admin/calendar?year=2027");
        assertThat(page("/admin/compliance", "reviewer")).contains("2027年的国务院放假安排尚未导入");
        assertThat(page("/admin/calendar?year=2027", "sysadmin")).contains("2027年尚未导入国务院放假安排", "2027-02-05", "春节");
        // imported: the notice goes
        jdbc.update("insert into calendar_year (year, source) values (2027, '测试')");
        assertThat(page("/admin", "sysadmin")).doesNotContain("2027年的国务院放假安排尚未导入");
        assertThat(page("/admin/compliance", "reviewer")).doesNotContain("2027年的国务院放假安排尚未导入");
    }

    @Test
    void aWebRequestOnANonWorkingDayCountsAsReceivedOnTheNextWorkingDay() throws Exception {
        // Saturday 2026-12-19: the office confirms it on Monday 12-21 (条例第31条第3项)
        testClock.fix(LocalDate.of(2026, 12, 19), LocalTime.of(15, 0));
        var submitted = requests.submit(RequestTestData.command(RequestTestData.newIdNumber(), "周末提交测试信息"));
        assertThat(submitted.submittedOn()).isEqualTo(LocalDate.of(2026, 12, 19));
        assertThat(submitted.receivedOn()).isEqualTo(LocalDate.of(2026, 12, 21));
        assertThat(requests.load(submitted.id()).clockStartOn()).isEqualTo(LocalDate.of(2026, 12, 21));
        // 12-22..12-25 (4), 28–31 (8), [1-1], Jan 4–8 (13), 11–15 (18), 18–19 (20)
        assertThat(submitted.dueOn()).isEqualTo(LocalDate.of(2027, 1, 19));
        // the holiday 2026-10-01 (Thursday) moves to the first working day after the National Day week, 10-08
        assertThat(requests.receiptDate(Channel.WEB, LocalDate.of(2026, 10, 1))).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(requests.receiptDate(Channel.EMAIL, LocalDate.of(2026, 10, 1))).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(requests.receiptDate(Channel.FAX, LocalDate.of(2026, 10, 10))).as("调休 Saturday").isEqualTo(LocalDate.of(2026, 10, 10));
        // in person and by post: the day handed in or signed for
        assertThat(requests.receiptDate(Channel.IN_PERSON, LocalDate.of(2026, 12, 19))).isEqualTo(LocalDate.of(2026, 12, 19));
        assertThat(requests.receiptDate(Channel.LETTER, LocalDate.of(2026, 12, 19))).isEqualTo(LocalDate.of(2026, 12, 19));

        // the receipt page says why
        String receipt = mvc.perform(post("/requests/new").with(csrf()).with(from("10.21.0.4"))
                .param("applicantKind", "PERSON").param("applicantName", "周末申请人").param("idType", "RESIDENT_ID")
                .param("idNumber", RequestTestData.newIdNumber()).param("phone", "13800138000").param("email", "w@example.cn")
                .param("address", "示范市中心区测试路3号").param("infoName", "周末回执测试").param("infoDescription", "测试回执上的收到日期")
                .param("provisionForm", "EMAIL").param("obtainWay", "EMAIL").param("declaration", "true"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(receipt).contains("2026-12-19", "2026-12-21", "第三十一条", "为非工作日");
    }

    @Autowired
    org.gongkai.reporting.Obligations obligations;

    private LocalDate december(long departmentId) {
        return obligations.dashboard(2026, departmentId, LocalDate.of(2026, 12, 15)).obligations().stream()
                .filter(o -> o.period().equals("2026年12月")).findFirst().orElseThrow().due();
    }

    private String page(String path, String user) throws Exception {
        return mvc.perform(get(path).with(as(user))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String track(String number, String code, String address) throws Exception {
        return mvc.perform(post("/requests/track").with(csrf()).with(from(address)).param("number", number).param("code", code))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
