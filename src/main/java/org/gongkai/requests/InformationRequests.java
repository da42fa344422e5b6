package org.gongkai.requests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.calendar.WorkingDayCalendar;
import org.gongkai.calendar.WorkingDayCalendar.Period;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Information-disclosure requests as they are read: the applicant's tracking page, the console's lists and the request page,
 * with due dates derived from the stored facts when read. Intake ({@link RequestIntake}), handling ({@link RequestHandling}),
 * reply letters ({@link ReplyLetters}) and reminders ({@link RequestReminders}) are their own services. The disclosure office
 * (REVIEWER) registers, assigns, sends correction notices, runs consultations and replies; the head of the office (APPROVER)
 * approves the one extension; a CLERK sees and drafts replies for the requests assigned to their department.
 */
@Service
public class InformationRequests {

    /** 条例第33条：收到申请之日起20个工作日内予以答复. */
    public static final int REPLY_DAYS = 20;
    /** 条例第33条：延长答复期限不得超过20个工作日. */
    public static final int MAX_EXTENSION_DAYS = 20;
    /** 条例第30条：收到申请之日起7个工作日内一次性告知补正. */
    public static final int CORRECTION_NOTICE_DAYS = 7;
    /** 条例第32、34条：征求意见期限最长不超过15个工作日，不计算在答复期限内. */
    public static final int MAX_CONSULTATION_DAYS = 15;
    public static final int MAX_PROOF_BYTES = 5 * 1024 * 1024;

    private final JdbcTemplate jdbc;
    private final WorkingDayCalendar calendar;
    private final AuditTrail audit;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final org.gongkai.identity.IdentityManagement identity;
    private final String dummyHash;

    InformationRequests(JdbcTemplate jdbc, WorkingDayCalendar calendar, AuditTrail audit, PasswordEncoder encoder, Clock clock,
                        org.gongkai.identity.IdentityManagement identity) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.calendar = calendar;
        this.audit = audit;
        this.encoder = encoder;
        this.clock = clock;
        this.dummyHash = encoder.encode("unknown-request-number");
    }

    // ---- tracking (public) -------------------------------------------------------------------------------------

    /** What the applicant sees with number + query code: no applicant data at all. */
    public record TrackingView(String number, RequestState state, LocalDate receivedOn, RequestClock clock,
                               String correctionNote, LocalDate correctionDueOn, Integer extensionDays,
                               LocalDate extensionApprovedOn, LocalDate repliedOn, ReplyType replyType, String replyText,
                               String remedyText, DeadlineChange deadlineChange) {

        /**
         * The reply deadline (答复期限) has passed and the request is still being handled (not waiting for the applicant's
         * correction): the tracking page tells the applicant where to complain (条例第51条：可以向上一级行政机关或者政府信息
         * 公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼). Derived from the clock when read.
         */
        public boolean replyOverdue() {
            return state.open() && state != RequestState.CORRECTION_REQUESTED && clock.dueOn() != null && clock.overdue();
        }
    }

    /** The reply deadline moved because the working-day calendar changed. */
    public record DeadlineChange(LocalDate from, LocalDate to, String reason, Instant at) {
    }

    /** The request when number and code match; empty for an unknown number and for a wrong code alike (same work done). */
    @Transactional(readOnly = true)
    public Optional<TrackingView> track(String number, String code) {
        String wanted = number == null ? "" : number.strip().toUpperCase(Locale.ROOT);
        List<Map<String, Object>> rows = jdbc.queryForList("select id, query_code_hash from info_request where number = ?", wanted);
        String hash = rows.isEmpty() ? dummyHash : (String) rows.get(0).get("query_code_hash");
        boolean matches = encoder.matches(normalise(code), hash);
        if (rows.isEmpty() || !matches) {
            return Optional.empty();
        }
        RequestView r = load(((Number) rows.get(0).get("id")).longValue());
        String remedy = null;
        String reply = r.replyText();
        if (reply != null) {
            int split = reply.lastIndexOf("\n\n");
            remedy = split < 0 ? null : reply.substring(split + 2);
            reply = split < 0 ? reply : reply.substring(0, split);
        }
        // the latest move of the deadline, while it is still the deadline in force
        DeadlineChange change = deadlineChanges(r.id()).stream().reduce((a, b) -> b)
                .filter(c -> r.state().open() && c.to().equals(r.clock().dueOn())).orElse(null);
        return Optional.of(new TrackingView(r.number(), r.state(), r.receivedOn(), r.clock(), r.correctionNote(),
                r.correctionDueOn(), r.extensionDays(), r.extensionApprovedOn(), r.repliedOn(), r.replyType(), reply, remedy,
                change));
    }

    /** The moves of a request's reply deadline caused by calendar changes, oldest first. */
    @Transactional(readOnly = true)
    public List<DeadlineChange> deadlineChanges(long requestId) {
        return jdbc.query("select old_due_on, new_due_on, reason, changed_at from request_deadline_change where request_id = ? order by id",
                (rs, i) -> new DeadlineChange(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getTimestamp(4).toInstant()), requestId);
    }

    /**
     * The calendar changed: every open request's reply deadline is recomputed (it is derived when read); each one that moved is
     * audited and recorded, so that the applicant's tracking page can say why. Runs in the transaction of the change.
     */
    @org.springframework.context.event.EventListener
    void calendarChanged(WorkingDayCalendar.CalendarChanged event) {
        for (Long id : jdbc.queryForList(
                "select id from info_request where state in ('RECEIVED', 'IN_PROGRESS', 'CONSULTING') order by id", Long.class)) {
            RequestView now = load(id);
            LocalDate before = clockUnder(event.before(), now).dueOn();
            LocalDate after = now.clock().dueOn();
            if (before == null || after == null || before.equals(after)) {
                continue;
            }
            jdbc.update("insert into request_deadline_change (request_id, old_due_on, new_due_on, reason, changed_at) values (?, ?, ?, ?, ?)",
                    id, before, after, event.reason(), Timestamp.from(Instant.now(clock)));
            audit.record("request.deadlineChanged", "info_request", now.number(), "答复期限 " + before + " → " + after + "：" + event.reason());
        }
    }

    // ---- console reading ---------------------------------------------------------------------------------------

    /** Finished requests per page of the console list. */
    public static final int FINISHED_PAGE_SIZE = 50;

    /** Open requests the person may see, most urgent first (overdue, then fewest working days left). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<RequestView> openRequests(StaffPrincipal me) {
        return list("r.state in ('RECEIVED', 'CORRECTION_REQUESTED', 'IN_PROGRESS', 'CONSULTING')", "", me).stream()
                .sorted(Comparator.comparingInt((RequestView v) -> v.clock().daysLeft()).thenComparing(RequestView::number))
                .toList();
    }

    /** One page (from 0) of the finished requests the person may see, newest first; one more than a page tells of a next. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<RequestView> finishedRequests(StaffPrincipal me, int page) {
        return list("r.state in ('REPLIED', 'CLOSED', 'WITHDRAWN', 'DEEMED_WITHDRAWN')",
                " order by r.received_on desc, r.id desc limit " + (FINISHED_PAGE_SIZE + 1) + " offset "
                        + (long) Math.max(0, page) * FINISHED_PAGE_SIZE, me);
    }

    /** A request answered after its due date, or open past it; no personal data (for the site self-check, 互动回应差). */
    public record LateRequest(long id, String number, String departmentName, LocalDate receivedOn, LocalDate dueOn,
                              LocalDate repliedOn, boolean open, int workingDaysOverdue) {
    }

    /** Every request that went beyond its statutory limit (条例第33条), still open or answered late. */
    @Transactional(readOnly = true)
    public List<LateRequest> lateRequests() {
        List<LateRequest> late = new java.util.ArrayList<>();
        for (RequestView v : views("r.state not in ('WITHDRAWN', 'DEEMED_WITHDRAWN')", " order by r.id")) {
            RequestClock c = v.clock();
            if (c.overdue()) {
                late.add(new LateRequest(v.id(), v.number(), v.departmentName(), v.receivedOn(), c.dueOn(), null, true, c.daysOverdue()));
            } else if (v.repliedOn() != null && c.dueOn() != null && v.repliedOn().isAfter(c.dueOn())) {
                late.add(new LateRequest(v.id(), v.number(), v.departmentName(), v.receivedOn(), c.dueOn(), v.repliedOn(), false, 0));
            }
        }
        return late;
    }

    /**
     * The requests the person may see that meet {@code condition}, in a fixed number of queries whatever their number: the
     * requests, then the consultations and files of all of them.
     */
    private List<RequestView> list(String condition, String orderAndLimit, StaffPrincipal me) {
        // a clerk sees only the requests assigned to their own department
        String where = seesAll(me) ? condition : condition + " and r.department_id = " + me.departmentId();
        return views(where, orderAndLimit);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public RequestView request(long id, StaffPrincipal me) {
        RequestView view = load(id);
        if (!seesAll(me) && (view.departmentId() == null || view.departmentId() != me.departmentId())) {
            throw new NotFoundException();
        }
        return view;
    }

    /** A file of a request the person may see. */
    public record StoredFile(String filename, String contentType, byte[] bytes, String kind) {
    }

    @Transactional
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public StoredFile file(long id, long fileId, StaffPrincipal me) {
        RequestView view = request(id, me);
        List<StoredFile> files = jdbc.query("select filename, content_type, bytes, kind from request_file where id = ? and request_id = ?",
                (rs, i) -> new StoredFile(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getString(4)), fileId, id);
        if (files.isEmpty()) {
            throw new NotFoundException();
        }
        if (files.get(0).kind().equals("IDENTITY_PROOF")) {
            audit.record("request.proofViewed", "info_request", view.number(), "查看身份证明");
        }
        return files.get(0);
    }

    /** Subjects (信息名称, trimmed, case-insensitive) requested three or more times: candidates for proactive disclosure (条例第44条). */
    public record FrequentSubject(String subject, long requests) {
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<FrequentSubject> frequentSubjects() {
        return jdbc.query("""
                select min(btrim(info_name)) as subject, count(*) as n from info_request
                where state <> 'WITHDRAWN' group by lower(btrim(info_name)) having count(*) >= 3 order by n desc, subject""",
                (rs, i) -> new FrequentSubject(rs.getString("subject"), rs.getLong("n")));
    }

    private static final String SELECT_REQUEST = """
            select r.* from info_request r""";

    RequestView load(long id) {
        List<RequestView> found = views("r.id = " + id, "");
        if (found.isEmpty()) {
            throw new NotFoundException();
        }
        return found.get(0);
    }

    /**
     * The requests that meet {@code where} (a condition on {@code info_request r} built here, never from input), in three
     * queries whatever their number: their consultations, their files, then the requests.
     */
    List<RequestView> views(String where, String orderAndLimit) {
        String selected = "select r.id from info_request r where " + where + orderAndLimit;
        java.util.Map<Long, List<RequestView.Consultation>> consultations = new java.util.HashMap<>();
        jdbc.query("select request_id, id, party, kind, started_on, ended_on from request_consultation where request_id in ("
                + selected + ") order by id", rs -> {
            consultations.computeIfAbsent(rs.getLong("request_id"), k -> new ArrayList<>()).add(new RequestView.Consultation(
                    rs.getLong("id"), rs.getString("party"), rs.getString("kind"), rs.getObject("started_on", LocalDate.class),
                    rs.getObject("ended_on", LocalDate.class)));
        });
        java.util.Map<Long, List<RequestView.FileInfo>> files = new java.util.HashMap<>();
        jdbc.query("select request_id, id, kind, filename, content_type, size from request_file where request_id in ("
                + selected + ") order by id", rs -> {
            files.computeIfAbsent(rs.getLong("request_id"), k -> new ArrayList<>()).add(new RequestView.FileInfo(
                    rs.getLong("id"), rs.getString("kind"), rs.getString("filename"), rs.getString("content_type"),
                    rs.getInt("size")));
        });
        WorkingDayCalendar.Rules rules = calendar.rules();
        java.util.Map<Long, String> departmentNames = identity.departmentNames();
        return jdbc.query(SELECT_REQUEST + " where " + where + orderAndLimit, (rs, i) -> map(rs, rules,
                consultations.getOrDefault(rs.getLong("id"), List.of()), files.getOrDefault(rs.getLong("id"), List.of()),
                departmentNames));
    }

    private RequestView map(ResultSet rs, WorkingDayCalendar.Rules rules, List<RequestView.Consultation> consultations,
                            List<RequestView.FileInfo> files, java.util.Map<Long, String> departmentNames)
            throws SQLException {
        long id = rs.getLong("id");
        RequestState state = RequestState.valueOf(rs.getString("state"));
        LocalDate clockStart = rs.getObject("clock_start_on", LocalDate.class);
        Integer extension = (Integer) rs.getObject("extension_days");
        LocalDate correctionDue = rs.getObject("correction_due_on", LocalDate.class);
        String replyType = rs.getString("reply_type");
        String ground = rs.getString("reply_ground");
        Timestamp promoted = rs.getTimestamp("promoted_at");
        return new RequestView(id, rs.getString("number"), Channel.valueOf(rs.getString("channel")),
                "ORGANISATION".equals(rs.getString("applicant_kind")), ApplicantCategory.valueOf(rs.getString("applicant_category")),
                rs.getString("applicant_name"), rs.getString("credit_code"), rs.getString("contact_person"),
                rs.getString("id_type"), IdentityNumbers.mask(rs.getString("id_number")), rs.getString("phone"),
                rs.getString("email"), rs.getString("address"), rs.getString("info_name"), rs.getString("info_document_number"),
                rs.getString("info_description"), rs.getString("provision_form"), rs.getString("obtain_way"), state,
                rs.getObject("received_on", LocalDate.class), clockStart, (Long) rs.getObject("department_id"),
                departmentNames.get((Long) rs.getObject("department_id")), rs.getObject("correction_requested_on", LocalDate.class), correctionDue,
                rs.getString("correction_note"), rs.getObject("corrected_on", LocalDate.class), extension,
                rs.getObject("extension_approved_on", LocalDate.class), rs.getString("extension_approved_by"),
                rs.getString("extension_reason"), rs.getObject("replied_on", LocalDate.class),
                replyType == null ? null : ReplyType.valueOf(replyType), ground == null ? null : NotDisclosedGround.valueOf(ground),
                rs.getString("reply_opinion"), rs.getString("reply_text"), rs.getString("reply_draft"),
                rs.getObject("closed_on", LocalDate.class), rs.getObject("withdrawn_on", LocalDate.class),
                promoted == null ? null : promoted.toInstant(), rs.getLong("version"), consultations, files,
                readClock(rules, state, clockStart, extension, correctionDue, consultations),
                rs.getString("legal_representative"), rs.getString("postcode"));
    }

    /** The request's clock as another set of calendar rules would give it (used when the calendar changes). */
    RequestClock clockUnder(WorkingDayCalendar.Rules rules, RequestView r) {
        return readClock(rules, r.state(), r.clockStartOn(), r.extensionDays(), r.correctionDueOn(), r.consultations());
    }

    /**
     * Derives the clock from the facts. 条例第33条: reply within 20 working days of receipt (of the corrected request, 第30条),
     * plus the approved extension; consultation days do not count (第32、34条), at most 15 working days each.
     */
    private RequestClock readClock(WorkingDayCalendar.Rules rules, RequestState state, LocalDate clockStart, Integer extension,
                                   LocalDate correctionDue, List<RequestView.Consultation> consultations) {
        LocalDate today = LocalDate.now(clock);
        if (state == RequestState.CORRECTION_REQUESTED) {
            return new RequestClock(today, null, correctionDue, rules.workingDaysBetween(today, correctionDue), true, true,
                    rules.provisionalBetween(today, correctionDue));
        }
        List<Period> stops = new ArrayList<>();
        for (RequestView.Consultation c : consultations) {
            LocalDate cap = rules.addWorkingDays(c.startedOn().minusDays(1), MAX_CONSULTATION_DAYS, List.of());
            LocalDate end = c.endedOn() != null ? c.endedOn() : (today.isBefore(c.startedOn()) ? c.startedOn() : today);
            stops.add(new Period(c.startedOn(), end.isAfter(cap) ? cap : end));
        }
        LocalDate due = rules.addWorkingDays(clockStart, REPLY_DAYS + (extension == null ? 0 : extension), stops);
        boolean running = state.open();
        int left = running ? rules.workingDaysBetween(today, due) : 0;
        return new RequestClock(today, due, null, left, running, state == RequestState.CONSULTING,
                rules.provisionalBetween(clockStart, due));
    }

    /** A request code as typed: without spaces and dashes, upper case. */
    static String normalise(String code) {
        return org.gongkai.support.QueryCodes.normalise(code);
    }

    static boolean seesAll(StaffPrincipal me) {
        return me.has(Role.REVIEWER) || me.has(Role.APPROVER);
    }
}
