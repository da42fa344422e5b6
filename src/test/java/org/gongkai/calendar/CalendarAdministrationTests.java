package org.gongkai.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.calendar.WorkingDayCalendar;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

/** SYSADMIN maintains the calendar: a year's CSV is imported whole or not at all; other roles cannot change it. */
class CalendarAdministrationTests extends AbstractIntegrationTest {

    @Autowired
    WorkingDayCalendar calendar;

    @Test
    void aYearIsImportedWholeOrNotAtAll() throws Exception {
        String bad = "date,kind,name\n2030-01-01,HOLIDAY,元旦\n2030-01-02,WORKDAY,周三不能调休\n2030-13-01,休,坏日期\n";
        mvc.perform(multipart("/admin/calendar/import").file(new MockMultipartFile("file", "2030.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)))
                .with(as("sysadmin")).with(csrf())).andExpect(flash().attribute("alert", "calendar.error.import"));
        assertThat(jdbc.queryForObject("select count(*) from calendar_day where extract(year from day) = 2030", Long.class)).isZero();

        String good = "date,kind,name\n2030-01-01,HOLIDAY,元旦\n2030-02-02,班,春节调休上班\n";
        mvc.perform(multipart("/admin/calendar/import").file(new MockMultipartFile("file", "2030.csv", "text/csv", good.getBytes(StandardCharsets.UTF_8)))
                .with(as("sysadmin")).with(csrf())).andExpect(flash().attribute("notice", "calendar.notice.imported"));
        assertThat(calendar.isWorkingDay(LocalDate.of(2030, 1, 1))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2030, 2, 2))).as("Saturday marked 班").isTrue();
        assertThat(mvc.perform(get("/admin/calendar?year=2030").with(as("sysadmin"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("春节调休上班", "2030-02-02");

        mvc.perform(post("/admin/calendar/mark").with(as("reviewer")).with(csrf()).param("day", "2030-03-01")
                .param("kind", "HOLIDAY").param("name", "不应保存")).andExpect(status().isForbidden());
        mvc.perform(post("/admin/calendar/mark").with(as("sysadmin")).with(csrf()).param("day", "2030-03-01")
                .param("kind", "HOLIDAY").param("name", "临时休假")).andExpect(flash().attribute("notice", "calendar.notice.marked"));
        assertThat(calendar.isWorkingDay(LocalDate.of(2030, 3, 1))).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'calendar.marked' and object_id = '2030-03-01'", Long.class))
                .isEqualTo(1);
    }
}
