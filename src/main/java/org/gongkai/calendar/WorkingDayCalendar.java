package org.gongkai.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.gongkai.audit.AuditTrail;
import org.gongkai.support.RuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The working-day calendar of the statutory clocks: Monday to Friday are working days unless the State Council arrangement
 * marks them as holidays, and a weekend day is a working day when marked as a 调休 working day. SYSADMIN keeps the data.
 * <p>
 * A year whose arrangement has not been imported is counted on the <em>provisional</em> calendar: the statutory holidays of
 * 《全国年节及纪念日放假办法》 ({@link StatutoryHolidays}) and weekends, with any date marked by hand taking precedence. Every
 * change of the calendar publishes {@link CalendarChanged} with the rules as they were, so that the deadlines that rest on it
 * are recomputed and their moves recorded.
 */
@Service
public class WorkingDayCalendar {

    /** How a date departs from the Monday–Friday rule. */
    public enum DayKind {
        /** 法定节假日 (or a weekday off under the arrangement). */
        HOLIDAY,
        /** 调休上班: a Saturday or Sunday that is a working day. */
        WORKDAY
    }

    /** One marked date. */
    public record CalendarDay(LocalDate day, DayKind kind, String name) {
    }

    /** A period (both ends inclusive) in which the clock stands still, e.g. a consultation (条例第32、34条). */
    public record Period(LocalDate start, LocalDate end) {
        boolean contains(LocalDate day) {
            return !day.isBefore(start) && !day.isAfter(end);
        }
    }

    /** A line of an import that could not be read; nothing is imported when there is one. */
    public record LineError(int line, String messageKey) implements java.io.Serializable {
    }

    /**
     * The calendar of some years changed (import of an arrangement, or a date marked or unmarked); {@code before} are the rules
     * as they were, {@code reason} says why in words an applicant can read.
     */
    public record CalendarChanged(Rules before, java.util.Set<Integer> years, String reason) {
    }

    /** From this month on the office is told when next year's arrangement is still missing (published in the autumn). */
    public static final java.time.Month WARN_FROM = java.time.Month.OCTOBER;

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final java.time.Clock clock;

    WorkingDayCalendar(JdbcTemplate jdbc, AuditTrail audit, org.springframework.context.ApplicationEventPublisher events,
                       java.time.Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    // ---- computation -------------------------------------------------------------------------------------------

    /** The rules in force, loaded once per computation so that a long walk reads the table once. */
    public static final class Rules {
        private final Map<LocalDate, DayKind> marked;
        private final java.util.Set<Integer> officialYears;

        Rules(Map<LocalDate, DayKind> marked, java.util.Set<Integer> officialYears) {
            this.marked = marked;
            this.officialYears = officialYears;
        }

        public boolean isWorkingDay(LocalDate day) {
            DayKind kind = marked.get(day);
            if (kind != null) {
                return kind == DayKind.WORKDAY;
            }
            if (isProvisional(day.getYear()) && StatutoryHolidays.of(day.getYear()).containsKey(day)) {
                return false;
            }
            return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
        }

        /** Whether the year is counted on the provisional calendar (its official arrangement is not imported). */
        public boolean isProvisional(int year) {
            return !officialYears.contains(year);
        }

        /** Whether a count between the two dates (either order) passes through a provisional year. */
        public boolean provisionalBetween(LocalDate from, LocalDate to) {
            if (from == null || to == null) {
                return false;
            }
            int first = Math.min(from.getYear(), to.getYear());
            int last = Math.max(from.getYear(), to.getYear());
            for (int y = first; y <= last; y++) {
                if (isProvisional(y)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The n-th working day after {@code start}, not counting {@code start} itself (a time limit "自收到申请之日起" runs from
         * the next day) nor working days inside a stopped period.
         */
        public LocalDate addWorkingDays(LocalDate start, int n, List<Period> stopped) {
            LocalDate day = start;
            int counted = 0;
            while (counted < n) {
                day = day.plusDays(1);
                LocalDate current = day;
                if (isWorkingDay(day) && stopped.stream().noneMatch(p -> p.contains(current))) {
                    counted++;
                }
            }
            return day;
        }

        /** Working days d with from &lt; d ≤ to; negative when {@code to} lies before {@code from}. */
        public int workingDaysBetween(LocalDate from, LocalDate to) {
            if (to.isBefore(from)) {
                return -workingDaysBetween(to, from);
            }
            int count = 0;
            for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
                if (isWorkingDay(d)) {
                    count++;
                }
            }
            return count;
        }
    }

    /** Loads the marked dates; callers that compute several dates use one {@link Rules}. */
    @Transactional(readOnly = true)
    public Rules rules() {
        Map<LocalDate, DayKind> marked = new HashMap<>();
        jdbc.query("select day, kind from calendar_day", rs -> {
            marked.put(rs.getObject("day", LocalDate.class), DayKind.valueOf(rs.getString("kind")));
        });
        return new Rules(marked, java.util.Set.copyOf(officialYears()));
    }

    /** The years whose State Council arrangement is imported. */
    @Transactional(readOnly = true)
    public List<Integer> officialYears() {
        return jdbc.queryForList("select year from calendar_year order by year", Integer.class);
    }

    /** The year after {@code today}'s when, from 1 October, its arrangement is still not imported. */
    @Transactional(readOnly = true)
    public java.util.Optional<Integer> missingArrangement(LocalDate today) {
        int next = today.getYear() + 1;
        if (today.getMonth().compareTo(WARN_FROM) < 0 || officialYears().contains(next)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(next);
    }

    /** The days off the provisional calendar adds to a year without an arrangement (not the dates marked by hand). */
    @Transactional(readOnly = true)
    public List<CalendarDay> provisionalDays(int year) {
        if (officialYears().contains(year)) {
            return List.of();
        }
        java.util.Set<LocalDate> marked = new java.util.HashSet<>(jdbc.queryForList(
                "select day from calendar_day where extract(year from day) = ?", LocalDate.class, year));
        return StatutoryHolidays.of(year).entrySet().stream().filter(e -> !marked.contains(e.getKey()))
                .map(e -> new CalendarDay(e.getKey(), DayKind.HOLIDAY, e.getValue())).toList();
    }

    @Transactional(readOnly = true)
    public boolean isWorkingDay(LocalDate day) {
        return rules().isWorkingDay(day);
    }

    @Transactional(readOnly = true)
    public LocalDate addWorkingDays(LocalDate start, int n) {
        return rules().addWorkingDays(start, n, List.of());
    }

    @Transactional(readOnly = true)
    public LocalDate addWorkingDays(LocalDate start, int n, List<Period> stopped) {
        return rules().addWorkingDays(start, n, stopped);
    }

    @Transactional(readOnly = true)
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        return rules().workingDaysBetween(from, to);
    }

    // ---- maintenance (SYSADMIN) --------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SYSADMIN')")
    public List<CalendarDay> year(int year) {
        return jdbc.query("select day, kind, name from calendar_day where extract(year from day) = ? order by day",
                (rs, i) -> new CalendarDay(rs.getObject("day", LocalDate.class), DayKind.valueOf(rs.getString("kind")),
                        rs.getString("name")), year);
    }

    @Transactional(readOnly = true)
    public List<Integer> years() {
        return jdbc.queryForList("""
                select extract(year from day)::int from calendar_day union select year from calendar_year order by 1""", Integer.class);
    }

    /** Marks (or re-marks) one date. */
    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public void mark(LocalDate day, DayKind kind, String name) {
        check(day, kind, name).ifPresent(key -> {
            throw new RuleViolation(key.startsWith("calendar.error.name") ? "name" : "kind", key);
        });
        Rules before = rules();
        jdbc.update("""
                insert into calendar_day (day, kind, name) values (?, ?, ?)
                on conflict (day) do update set kind = excluded.kind, name = excluded.name""", day, kind.name(), name.strip());
        audit.record("calendar.marked", "calendar_day", day, kind + " " + name.strip());
        events.publishEvent(new CalendarChanged(before, java.util.Set.of(day.getYear()),
                "工作日历调整：" + day + (kind == DayKind.HOLIDAY ? " 为节假日" : " 为调休上班日") + "（" + name.strip() + "）"));
    }

    /** Removes a mark: the date follows the Monday–Friday rule again. */
    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public void unmark(LocalDate day) {
        Rules before = rules();
        if (jdbc.update("delete from calendar_day where day = ?", day) > 0) {
            audit.record("calendar.unmarked", "calendar_day", day, "");
            events.publishEvent(new CalendarChanged(before, java.util.Set.of(day.getYear()), "工作日历调整：" + day + " 恢复按周一至周五计算"));
        }
    }

    /**
     * Imports an arrangement as CSV ({@code date,kind,name}, kind HOLIDAY/WORKDAY or 休/班). The years in the file are replaced
     * as a whole; one bad line imports nothing.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public List<LineError> importCsv(String csv) {
        List<LineError> errors = new ArrayList<>();
        List<CalendarDay> days = new ArrayList<>();
        TreeSet<Integer> years = new TreeSet<>();
        TreeSet<LocalDate> seen = new TreeSet<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(csv == null ? "" : csv.replace("\uFEFF", "")))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || (number == 1 && line.toLowerCase().startsWith("date"))) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != 3) {
                    errors.add(new LineError(number, "calendar.error.columns"));
                    continue;
                }
                LocalDate day;
                try {
                    day = LocalDate.parse(cells[0].strip());
                } catch (DateTimeParseException e) {
                    errors.add(new LineError(number, "calendar.error.date"));
                    continue;
                }
                DayKind kind = switch (cells[1].strip().toUpperCase()) {
                    case "HOLIDAY", "休" -> DayKind.HOLIDAY;
                    case "WORKDAY", "班" -> DayKind.WORKDAY;
                    default -> null;
                };
                if (kind == null) {
                    errors.add(new LineError(number, "calendar.error.kind"));
                    continue;
                }
                var problem = check(day, kind, cells[2]);
                if (problem.isPresent()) {
                    errors.add(new LineError(number, problem.get()));
                    continue;
                }
                if (!seen.add(day)) {
                    errors.add(new LineError(number, "calendar.error.duplicate"));
                    continue;
                }
                years.add(day.getYear());
                days.add(new CalendarDay(day, kind, cells[2].strip()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (days.isEmpty() && errors.isEmpty()) {
            errors.add(new LineError(0, "calendar.error.empty"));
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        Rules before = rules();
        for (int year : years) {
            jdbc.update("delete from calendar_day where extract(year from day) = ?", year);
            // the official arrangement replaces the provisional days of the year
            jdbc.update("""
                    insert into calendar_year (year, source, imported_at) values (?, ?, ?)
                    on conflict (year) do update set source = excluded.source, imported_at = excluded.imported_at""",
                    year, "导入的国务院放假安排", java.sql.Timestamp.from(java.time.Instant.now(clock)));
        }
        for (CalendarDay d : days) {
            jdbc.update("insert into calendar_day (day, kind, name) values (?, ?, ?)", d.day(), d.kind().name(), d.name());
        }
        audit.record("calendar.imported", "calendar_day", years.toString(), days.size() + " 条");
        events.publishEvent(new CalendarChanged(before, java.util.Set.copyOf(years), "国务院公布了"
                + years.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("、")) + "年节假日安排，答复期限按正式安排重新计算"));
        return List.of();
    }

    private static java.util.Optional<String> check(LocalDate day, DayKind kind, String name) {
        if (name == null || name.isBlank()) {
            return java.util.Optional.of("calendar.error.name");
        }
        if (name.strip().length() > 50) {
            return java.util.Optional.of("calendar.error.nameLength");
        }
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        if (kind == DayKind.WORKDAY && !weekend) {
            return java.util.Optional.of("calendar.error.workdayOnWeekday");
        }
        return java.util.Optional.empty();
    }
}
