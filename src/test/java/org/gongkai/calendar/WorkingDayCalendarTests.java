package org.gongkai.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.calendar.WorkingDayCalendar;
import org.gongkai.calendar.WorkingDayCalendar.Period;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The calendar against dates counted by hand on paper from the State Council arrangements for 2025 and 2026 (V21).
 * "20 working days from D" is the 20th working day after D; D itself does not count.
 */
class WorkingDayCalendarTests extends AbstractIntegrationTest {

    @Autowired
    WorkingDayCalendar calendar;

    @ParameterizedTest(name = "20 working days from {0} is {1}")
    @CsvSource({
            // 2026 Spring Festival: 2-14 (Sat) 调休上班, 2-15..2-23 holidays, 2-28 (Sat) 调休上班
            "2026-01-30, 2026-03-05",   // Fri before: Feb 2–13 (10), 14 Sat (11), 24–27 (15), 28 Sat (16), Mar 2–5 (20)
            "2026-02-02, 2026-03-06",   // Mon: Feb 3–13 (9), 14 Sat (10), 24–27 (14), 28 Sat (15), Mar 2–6 (20)
            "2026-02-13, 2026-03-19",   // Fri: 14 Sat (1), 24–28 (6), Mar 2–13 (16), 16–19 (20)
            "2026-02-14, 2026-03-20",   // the 调休 Saturday itself: 24–28 (5), Mar 2–20 (20)
            "2026-02-15, 2026-03-20",   // a holiday Sunday
            "2026-02-23, 2026-03-20",   // last holiday (Mon)
            "2026-02-24, 2026-03-23",   // first day back: 25–28 (4), Mar 2–20 (19), 23 (20)
            // 2026 中秋 9-25..9-27 and National Day 10-1..10-7; 9-20 (Sun) and 10-10 (Sat) 调休上班
            "2026-09-15, 2026-10-19",   // 16–18 (3), 20 Sun (4), 21–24 (8), 28–30 (11), Oct 8–9 (13), 10 Sat (14), 12–16 (19), 19 (20)
            "2026-09-18, 2026-10-22",   // 20 Sun (1), 21–24 (5), 28–30 (8), Oct 8–10 (11), 12–16 (16), 19–22 (20)
            "2026-09-30, 2026-11-03",   // Oct 8–10 (3), 12–16 (8), 19–23 (13), 26–30 (18), Nov 2–3 (20)
            "2026-10-01, 2026-11-03",   // a holiday
            "2026-10-09, 2026-11-05",   // 10 Sat (1), 12–16 (6), 19–23 (11), 26–30 (16), Nov 2–5 (20)
            // 2025 Spring Festival: 1-26 (Sun) 调休上班, 1-28..2-4 holidays, 2-8 (Sat) 调休上班
            "2025-01-20, 2025-02-21",   // 21–24 (4), 26 Sun (5), 27 (6), Feb 5–7 (9), 8 Sat (10), 10–14 (15), 17–21 (20)
            "2025-01-27, 2025-03-03",   // Feb 5–7 (3), 8 Sat (4), 10–14 (9), 17–21 (14), 24–28 (19), Mar 3 (20)
            // 2025 National Day: 9-28 (Sun) 调休上班, 10-1..10-8 holidays, 10-11 (Sat) 调休上班
            "2025-09-26, 2025-10-30",   // 28 Sun (1), 29–30 (3), Oct 9–10 (5), 11 Sat (6), 13–17 (11), 20–24 (16), 27–30 (20)
            "2025-10-08, 2025-11-04",   // Oct 9–10 (2), 11 Sat (3), 13–17 (8), 20–24 (13), 27–31 (18), Nov 3–4 (20)
    })
    void twentyWorkingDaysMatchTheHandCountedTable(LocalDate from, LocalDate expected) {
        assertThat(calendar.addWorkingDays(from, 20)).isEqualTo(expected);
    }

    @Test
    void weekendsAreWorkingDaysOnlyWhenMarkedAsAdjusted() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).as("调休 Saturday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 28))).as("调休 Saturday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 9, 20))).as("调休 Sunday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 1, 26))).as("调休 Sunday").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).as("Spring Festival Monday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 7))).as("National Day Wednesday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 21))).as("holiday Saturday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 7))).as("ordinary Saturday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 9))).as("ordinary Monday").isTrue();
    }

    @Test
    void countsWorkingDaysBetweenDatesAcrossHolidays() {
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 2, 13), LocalDate.of(2026, 2, 24))).isEqualTo(2);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 12))).isEqualTo(4);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 10, 12), LocalDate.of(2026, 9, 30))).isEqualTo(-4);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2025, 9, 30), LocalDate.of(2025, 10, 9))).isEqualTo(1);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2))).isZero();
    }

    @Test
    void stoppedPeriodsDoNotCount() {
        // 9-21..9-23 are three working days of consultation: the due date moves three working days, 10-19 → 10-22
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 15), 20,
                List.of(new Period(LocalDate.of(2026, 9, 21), LocalDate.of(2026, 9, 23))))).isEqualTo(LocalDate.of(2026, 10, 22));
        // a stop entirely inside the holidays changes nothing
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 15), 20,
                List.of(new Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7))))).isEqualTo(LocalDate.of(2026, 10, 19));
        // 40 working days (20 + the full extension) from before the Spring Festival
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 2), 40)).isEqualTo(LocalDate.of(2026, 4, 3));
    }
}
