package org.gongkai.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gongkai.content.DisclosureMatters;
import org.gongkai.content.DisclosureMatters.Cadence;
import org.gongkai.content.DisclosureMatters.Matter;
import org.gongkai.calendar.WorkingDayCalendar;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the disclosure matters oblige and whether it was done, computed from what was actually published (the public read
 * model) with the working-day calendar:
 * <ul>
 *   <li>periodic matters (monthly, quarterly, half-yearly, yearly): one obligation per period, due the matter's working-day
 *       limit after the period ends (or on its yearly due day; 20 working days, Art 26, when the matter names no limit);</li>
 *   <li>Art 26: every proactive item published within 20 working days (or its matter's limit) of its 成文日期;</li>
 *   <li>every 规范性文件 interpreted (政策解读) within 3 working days of its publication.</li>
 * </ul>
 */
@Service
public class Obligations {

    /** Working days after its period ends within which an obligation counts as upcoming. */
    public static final int UPCOMING_WORKING_DAYS = 10;
    /** Art 26: proactive information is published within 20 working days of being formed or changed. */
    public static final int ARTICLE_26_WORKING_DAYS = 20;
    /** An interpretation is published within 3 working days of its policy. */
    public static final int INTERPRETATION_WORKING_DAYS = 3;
    public static final String POLICY_GENRE = "规范性文件";

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String CHINESE_DIGITS = "一二三四";

    public enum Status {
        /** Published by the due date. */
        ON_TIME,
        /** Published after the due date. */
        LATE,
        /** Due and not published. */
        MISSING,
        /** Not published, due within {@link #UPCOMING_WORKING_DAYS} working days. */
        UPCOMING,
        /** Not published, due later. */
        NOT_DUE;

        public String messageKey() {
            return "compliance.status." + name();
        }
    }

    /** One period of a periodic matter and what fulfilled it. */
    /** {@code provisional}: the due date was counted through a year whose holiday arrangement is not imported yet. */
    public record Obligation(long matterId, String matter, long departmentId, String department, String period, LocalDate due,
                             LocalDate published, String documentId, String title, Status status, int workingDaysLate,
                             boolean provisional) {
    }

    /** A proactive item published later than Art 26 (or its matter's limit) allows. */
    public record LateItem(String documentId, String title, long departmentId, String department, LocalDate writtenOn,
                           LocalDate published, int workingDays, int limit) {
    }

    /** A 规范性文件 and its interpretation (if any). */
    public record PolicyCheck(String documentId, String title, long departmentId, String department, LocalDate published,
                              String interpretationId, String interpretationTitle, LocalDate interpreted, Integer workingDays,
                              Status status) {
    }

    /** {@code arrangementMissing}: from 1 October, next year when its holiday arrangement is not imported (else null). */
    public record Dashboard(int year, LocalDate today, List<Obligation> obligations, List<LateItem> lateItems,
                            List<PolicyCheck> policies, Map<Status, Long> counts, Integer arrangementMissing) {
    }

    private record Published(String documentId, String title, LocalDate writtenOn, LocalDate published, long departmentId,
                             String department, String catalogueCode, String genre) {
    }

    private record Period(String label, LocalDate start, LocalDate end) {
    }

    private final DisclosureMatters matters;
    private final WorkingDayCalendar calendar;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final org.gongkai.audit.AuditTrail audit;

    Obligations(DisclosureMatters matters, WorkingDayCalendar calendar, JdbcTemplate jdbc, Clock clock, org.gongkai.audit.AuditTrail audit) {
        this.audit = audit;
        this.matters = matters;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The dashboard of a year, for all departments or one; "today" is the service clock's. */
    @Transactional(readOnly = true)
    public Dashboard dashboard(int year, Long departmentId) {
        return dashboard(year, departmentId, LocalDate.now(clock.withZone(CHINA)));
    }

    @Transactional(readOnly = true)
    public Dashboard dashboard(int year, Long departmentId, LocalDate today) {
        return dashboard(year, departmentId, today, calendar.rules());
    }

    private Dashboard dashboard(int year, Long departmentId, LocalDate today, WorkingDayCalendar.Rules rules) {
        List<Published> published = published();
        Map<Long, List<String>> columnsByMatter = new java.util.HashMap<>();
        jdbc.query("select disclosure_matter_id, code from catalogue_node where disclosure_matter_id is not null", rs -> {
            columnsByMatter.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        List<Obligation> obligations = new ArrayList<>();
        for (Matter matter : matters.all()) {
            if (departmentId != null && matter.departmentId() != departmentId) {
                continue;
            }
            // the earliest item for each period the matter's columns (retired ones too) received
            List<String> codes = columnsByMatter.getOrDefault(matter.id(), List.of());
            Map<Period, Published> first = new java.util.HashMap<>();
            for (Published p : published) {
                Period period = codes.contains(p.catalogueCode()) ? periodOf(matter.cadence(), p) : null;
                if (period != null && !premature(matter, period, p)) {
                    first.merge(period, p, (a, b) -> b.published().isBefore(a.published()) ? b : a);
                }
            }
            for (Period period : periods(matter.cadence(), year)) {
                obligations.add(obligation(matter, period, Optional.ofNullable(first.get(period)), rules, today));
            }
        }
        List<LateItem> late = lateItems(year, departmentId, published, rules);
        List<PolicyCheck> policies = policies(year, departmentId, published, rules, today);
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, obligations.stream().filter(o -> o.status() == s).count());
        }
        return new Dashboard(year, today, obligations, late, policies, counts, calendar.missingArrangement(today).orElse(null));
    }

    /**
     * The calendar changed: the deadlines of the obligations not yet fulfilled (this year's and last year's) are recomputed, and
     * each one that moved is audited. They are derived when read, so nothing else is stored.
     */
    @org.springframework.context.event.EventListener
    void calendarChanged(WorkingDayCalendar.CalendarChanged event) {
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        WorkingDayCalendar.Rules now = calendar.rules();
        for (int year : new int[] {today.getYear() - 1, today.getYear()}) {
            List<Obligation> before = dashboard(year, null, today, event.before()).obligations();
            List<Obligation> after = dashboard(year, null, today, now).obligations();
            for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
                Obligation b = before.get(i);
                Obligation a = after.get(i);
                if (a.published() == null && b.matterId() == a.matterId() && b.period().equals(a.period()) && !b.due().equals(a.due())) {
                    audit.record("compliance.deadlineChanged", "disclosure_matter", a.matterId(),
                            a.matter() + " " + a.period() + " 截止日期 " + b.due() + " → " + a.due() + "：" + event.reason());
                }
            }
        }
    }

    /** The obligations that are upcoming or missing today, across all departments, for the daily reminder. */
    @Transactional(readOnly = true)
    public List<Obligation> needingAttention(LocalDate today) {
        List<Obligation> result = new ArrayList<>();
        for (int year : new int[] {today.getYear() - 1, today.getYear()}) {
            dashboard(year, null, today).obligations().stream()
                    .filter(o -> o.status() == Status.UPCOMING || o.status() == Status.MISSING)
                    .filter(o -> !o.due().isBefore(today.minusDays(90)))
                    .forEach(result::add);
        }
        return result;
    }

    // ---- periodic obligations ------------------------------------------------------------------------------------------

    private Obligation obligation(Matter matter, Period period, Optional<Published> fulfilled, WorkingDayCalendar.Rules rules,
                                  LocalDate today) {
        LocalDate due = due(matter, period, rules);
        boolean provisional = rules.provisionalBetween(period.end(), due);
        if (fulfilled.isPresent()) {
            Published p = fulfilled.get();
            boolean late = p.published().isAfter(due);
            return new Obligation(matter.id(), matter.name(), matter.departmentId(), matter.departmentName(), period.label(), due,
                    p.published(), p.documentId(), p.title(), late ? Status.LATE : Status.ON_TIME,
                    late ? rules.workingDaysBetween(due, p.published()) : 0, provisional);
        }
        Status status;
        if (today.isAfter(due)) {
            status = Status.MISSING;
        } else if (!rules.addWorkingDays(today, UPCOMING_WORKING_DAYS, List.of()).isBefore(due)) {
            status = Status.UPCOMING;
        } else {
            status = Status.NOT_DUE;
        }
        return new Obligation(matter.id(), matter.name(), matter.departmentId(), matter.departmentName(), period.label(), due,
                null, null, null, status, status == Status.MISSING ? rules.workingDaysBetween(due, today) : 0, provisional);
    }

    /**
     * A report on a whole year, due on a day of the next year (the annual report, 条例第50条: by 31 January), is not fulfilled by
     * an item published before that year ended: the year it reports on was not over. (Yearly plans, published at the start of
     * their year, name no due day and are not affected.)
     */
    static boolean premature(Matter matter, Period period, Published item) {
        return matter.cadence() == Cadence.YEARLY && matter.yearlyDueDay() != null && !item.published().isAfter(period.end());
    }

    static LocalDate due(Matter matter, Period period, WorkingDayCalendar.Rules rules) {
        MonthDay yearly = matter.yearlyDueDay();
        if (matter.cadence() == Cadence.YEARLY && yearly != null) {
            return yearly.atYear(period.end().getYear() + 1);
        }
        int days = matter.timeLimitWorkingDays() == null ? ARTICLE_26_WORKING_DAYS : matter.timeLimitWorkingDays();
        return rules.addWorkingDays(period.end(), days, List.of());
    }

    static List<Period> periods(Cadence cadence, int year) {
        List<Period> periods = new ArrayList<>();
        switch (cadence) {
            case MONTHLY -> {
                for (int m = 1; m <= 12; m++) {
                    LocalDate start = LocalDate.of(year, m, 1);
                    periods.add(new Period(year + "年" + m + "月", start, start.plusMonths(1).minusDays(1)));
                }
            }
            case QUARTERLY -> {
                for (int q = 1; q <= 4; q++) {
                    LocalDate start = LocalDate.of(year, q * 3 - 2, 1);
                    periods.add(new Period(year + "年第" + CHINESE_DIGITS.charAt(q - 1) + "季度", start, start.plusMonths(3).minusDays(1)));
                }
            }
            case HALF_YEARLY -> {
                periods.add(new Period(year + "年上半年", LocalDate.of(year, 1, 1), LocalDate.of(year, 6, 30)));
                periods.add(new Period(year + "年下半年", LocalDate.of(year, 7, 1), LocalDate.of(year, 12, 31)));
            }
            case YEARLY -> periods.add(new Period(year + "年度", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
            default -> { }
        }
        return periods;
    }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})年(\\d{1,2})月");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})年(?:第)?([一二三四1-4])季度");
    private static final Pattern HALF = Pattern.compile("(\\d{4})年(上|下)半年");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})年");

    /**
     * The period an item reports on: named in its title as offices write them (2026年3月, 2026年第一季度, 2026年上半年,
     * 2025年度), otherwise the last period that ended before its 成文日期 (a report is written after its period).
     */
    static Period periodOf(Cadence cadence, Published item) {
        String title = item.title();
        Matcher m;
        LocalDate day = null;
        switch (cadence) {
            case MONTHLY -> {
                if ((m = MONTH.matcher(title)).find() && Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(2)) <= 12) {
                    day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
                }
            }
            case QUARTERLY -> {
                if ((m = QUARTER.matcher(title)).find()) {
                    String q = m.group(2);
                    int quarter = Character.isDigit(q.charAt(0)) ? Integer.parseInt(q) : CHINESE_DIGITS.indexOf(q) + 1;
                    day = LocalDate.of(Integer.parseInt(m.group(1)), quarter * 3, 1);
                }
            }
            case HALF_YEARLY -> {
                if ((m = HALF.matcher(title)).find()) {
                    day = LocalDate.of(Integer.parseInt(m.group(1)), m.group(2).equals("上") ? 6 : 12, 1);
                }
            }
            case YEARLY -> {
                if ((m = YEAR.matcher(title)).find()) {
                    day = LocalDate.of(Integer.parseInt(m.group(1)), 6, 1);
                }
            }
            default -> {
                return null;
            }
        }
        if (day == null) {
            // the last period that ended before the written date: the one before the period the written date falls in
            LocalDate written = item.writtenOn() == null ? item.published() : item.writtenOn();
            day = containing(cadence, written).start().minusDays(1);
        }
        return containing(cadence, day);
    }

    private static Period containing(Cadence cadence, LocalDate day) {
        return periods(cadence, day.getYear()).stream().filter(p -> !day.isBefore(p.start()) && !day.isAfter(p.end())).findFirst()
                .orElseThrow();
    }

    // ---- Art 26 and interpretations ----------------------------------------------------------------------------------

    private List<LateItem> lateItems(int year, Long departmentId, List<Published> published, WorkingDayCalendar.Rules rules) {
        Map<String, Integer> limits = new java.util.HashMap<>();
        jdbc.query("""
                select n.code, m.time_limit_working_days from catalogue_node n join disclosure_matter m on m.id = n.disclosure_matter_id
                where m.time_limit_working_days is not null""", rs -> { limits.put(rs.getString(1), rs.getInt(2)); });
        List<LateItem> late = new ArrayList<>();
        for (Published p : published) {
            if (p.published().getYear() != year || p.writtenOn() == null || (departmentId != null && p.departmentId() != departmentId)) {
                continue;
            }
            int limit = limits.getOrDefault(p.catalogueCode(), ARTICLE_26_WORKING_DAYS);
            int days = rules.workingDaysBetween(p.writtenOn(), p.published());
            if (days > limit) {
                late.add(new LateItem(p.documentId(), p.title(), p.departmentId(), p.department(), p.writtenOn(), p.published(), days, limit));
            }
        }
        late.sort(Comparator.comparing(LateItem::published));
        return late;
    }

    private List<PolicyCheck> policies(int year, Long departmentId, List<Published> published, WorkingDayCalendar.Rules rules,
                                       LocalDate today) {
        Map<String, Published> byId = new java.util.HashMap<>();
        published.forEach(p -> byId.put(p.documentId(), p));
        // each published interpretation link: policy id -> interpretation id
        Map<String, List<String>> interpretations = new java.util.HashMap<>();
        jdbc.query("""
                select s.document_id, r ->> 'documentId' from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                    cross join lateral jsonb_array_elements(s.related) r
                where d.status in ('LIVE', 'WITHDRAWN') and r ->> 'relation' = 'INTERPRETS'""",
                rs -> { interpretations.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(1)); });
        List<PolicyCheck> checks = new ArrayList<>();
        for (Published policy : published) {
            if (!POLICY_GENRE.equals(policy.genre()) || policy.published().getYear() != year
                    || (departmentId != null && policy.departmentId() != departmentId)) {
                continue;
            }
            Optional<Published> reading = interpretations.getOrDefault(policy.documentId(), List.of()).stream().map(byId::get)
                    .filter(java.util.Objects::nonNull).min(Comparator.comparing(Published::published));
            LocalDate due = rules.addWorkingDays(policy.published(), INTERPRETATION_WORKING_DAYS, List.of());
            if (reading.isPresent()) {
                Published r = reading.get();
                int days = Math.max(0, rules.workingDaysBetween(policy.published(), r.published()));
                checks.add(new PolicyCheck(policy.documentId(), policy.title(), policy.departmentId(), policy.department(),
                        policy.published(), r.documentId(), r.title(), r.published(), days,
                        days > INTERPRETATION_WORKING_DAYS ? Status.LATE : Status.ON_TIME));
            } else {
                checks.add(new PolicyCheck(policy.documentId(), policy.title(), policy.departmentId(), policy.department(),
                        policy.published(), null, null, null, null, today.isAfter(due) ? Status.MISSING : Status.UPCOMING));
            }
        }
        checks.sort(Comparator.comparing(PolicyCheck::published));
        return checks;
    }

    /** Every public item with its first publication date (China time), title and column of its current edition. */
    private List<Published> published() {
        return jdbc.query("""
                select d.document_id, s.title, s.written_on, d.first_published_at, d.department_id, dep.name, s.catalogue_code, s.genre
                from public_document d join publication_snapshot s on s.id = d.current_snapshot_id join department dep on dep.id = d.department_id
                where d.status in ('LIVE', 'WITHDRAWN')""",
                (rs, n) -> new Published(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getTimestamp(4).toInstant().atZone(CHINA).toLocalDate(), rs.getLong(5), rs.getString(6), rs.getString(7),
                        rs.getString(8)));
    }

}
