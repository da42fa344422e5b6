package org.gongkai.requests;

import java.security.SecureRandom;
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
import org.gongkai.audit.SystemActor;
import org.gongkai.console.Notifications;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.calendar.WorkingDayCalendar;
import org.gongkai.calendar.WorkingDayCalendar.Period;
import org.gongkai.support.CreditCode;
import org.gongkai.support.RuleViolation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * Information-disclosure requests from submission to reply. The disclosure office (REVIEWER) registers, assigns, sends
 * correction notices, runs consultations and replies; the head of the office (APPROVER) approves the one extension; a CLERK
 * sees and drafts replies for the requests assigned to their department. Facts are stored; due dates are derived when read.
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

    private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final org.gongkai.infrastructure.PdfRenderer pdf;
    private final String siteName;
    private final WorkingDayCalendar calendar;
    private final AuditTrail audit;
    private final IdentityManagement identity;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final Notifications notifications;
    private final Clock clock;
    private final String dummyHash;

    InformationRequests(JdbcTemplate jdbc, WorkingDayCalendar calendar, AuditTrail audit, IdentityManagement identity,
                        PasswordEncoder encoder, ApplicationEventPublisher events, Notifications notifications, Clock clock,
                        org.gongkai.infrastructure.PdfRenderer pdf,
                        @org.springframework.beans.factory.annotation.Value("${gongkai.site-name}") String siteName) {
        this.notifications = notifications;
        this.pdf = pdf;
        this.siteName = siteName;
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.audit = audit;
        this.identity = identity;
        this.encoder = encoder;
        this.events = events;
        this.clock = clock;
        this.dummyHash = encoder.encode("unknown-request-number");
    }

    // ---- submission --------------------------------------------------------------------------------------------

    /** An uploaded file as received; its type is sniffed, never taken from the name. */
    public record Upload(String filename, byte[] bytes) {
    }

    /** What an applicant (or the office, for a letter, visit, fax or e-mail) submits. */
    public record SubmitCommand(Channel channel, LocalDate receivedOn, boolean organisation, ApplicantCategory category,
                                String applicantName, String creditCode, String contactPerson, String idType,
                                String idNumber, String phone, String email, String address, String infoName,
                                String infoDocumentNumber, String infoDescription, String provisionForm, String obtainWay,
                                Upload proof) {
    }

    /**
     * The request number and the query code, which is shown this once and stored only as a hash; the day it was submitted (or
     * given as received) and the day it counts as received under 条例第31条, which differ when that day was not a working day.
     */
    public record Submitted(long id, String number, String queryCode, LocalDate submittedOn, LocalDate receivedOn, LocalDate dueOn) {

        public boolean receiptMoved() {
            return !submittedOn.equals(receivedOn);
        }
    }

    /** A request submitted on the public site; it counts as received as {@link #receiptDate} decides (条例第31条第3项). */
    @Transactional
    public Submitted submit(SubmitCommand command) {
        if (command.channel() != Channel.WEB) {
            throw new IllegalArgumentException("web submissions only");
        }
        return create(command, LocalDate.now(clock));
    }

    /**
     * 条例第31条: when a request counts as received. (一) in person: the day it is handed in; (二) by post: the day the office signs
     * for it (for an unregistered letter, the day the office confirms it with the applicant, which the office enters); (三) online
     * or by the office's fax (and e-mail, an online channel): the day both sides confirm it. The office confirms only on working
     * days, so an online, fax or e-mail request that arrives on a weekend or holiday counts as received on the next working day.
     * A working day's evening is not moved: office hours are not in the regulation, and the site confirms the request at once.
     */
    @Transactional(readOnly = true)
    public LocalDate receiptDate(Channel channel, LocalDate arrivedOn) {
        if (channel == Channel.WEB || channel == Channel.FAX || channel == Channel.EMAIL) {
            WorkingDayCalendar.Rules rules = calendar.rules();
            LocalDate day = arrivedOn;
            while (!rules.isWorkingDay(day)) {
                day = day.plusDays(1);
            }
            return day;
        }
        return arrivedOn;
    }

    /** Registers a request received by letter, in person, by fax or e-mail, with its receipt date under 条例第31条. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public Submitted register(SubmitCommand command) {
        if (command.channel() == Channel.WEB) {
            throw new RuleViolation("channel", "request.error.channel");
        }
        LocalDate today = LocalDate.now(clock);
        if (command.receivedOn() == null) {
            throw new RuleViolation("receivedOn", "request.error.receivedOnRequired");
        }
        if (command.receivedOn().isAfter(today) || command.receivedOn().isBefore(today.minusYears(1))) {
            throw new RuleViolation("receivedOn", "request.error.receivedOn");
        }
        return create(command, command.receivedOn());
    }

    /** The field-level checks the form shows next to each field; the service repeats them. */
    public static List<RuleViolation> check(SubmitCommand c) {
        List<RuleViolation> problems = new ArrayList<>();
        if (c.organisation()) {
            if (c.category() == null || c.category() == ApplicantCategory.NATURAL_PERSON) {
                problems.add(new RuleViolation("category", "request.error.category"));
            }
            if (c.creditCode() == null || !CreditCode.isValid(c.creditCode().strip().toUpperCase(Locale.ROOT))) {
                problems.add(new RuleViolation("creditCode", "request.error.creditCode"));
            }
            if (c.contactPerson() == null || c.contactPerson().isBlank()) {
                problems.add(new RuleViolation("contactPerson", "request.error.contactPerson"));
            }
        }
        if ("RESIDENT_ID".equals(c.idType()) && c.idNumber() != null && !c.idNumber().isBlank()
                && !IdentityNumbers.isValid(c.idNumber().strip())) {
            problems.add(new RuleViolation("idNumber", "request.error.idNumber"));
        }
        if ("EMAIL".equals(c.obtainWay()) && (c.email() == null || c.email().isBlank())) {
            problems.add(new RuleViolation("email", "request.error.emailNeeded"));
        }
        if (c.proof() != null && c.proof().bytes().length > 0) {
            if (c.proof().bytes().length > MAX_PROOF_BYTES) {
                problems.add(new RuleViolation("proof", "request.error.proofSize"));
            } else if (sniff(c.proof().bytes()) == null) {
                problems.add(new RuleViolation("proof", "request.error.proofType"));
            }
        }
        return problems;
    }

    /** PDF, JPEG or PNG by their first bytes; anything else is refused. */
    static String sniff(byte[] bytes) {
        if (bytes.length >= 5 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F' && bytes[4] == '-') {
            return "application/pdf";
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (bytes.length >= 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G'
                && bytes[4] == 0x0D && bytes[5] == 0x0A && bytes[6] == 0x1A && bytes[7] == 0x0A) {
            return "image/png";
        }
        return null;
    }

    private Submitted create(SubmitCommand c, LocalDate arrivedOn) {
        LocalDate receivedOn = receiptDate(c.channel(), arrivedOn);
        List<RuleViolation> problems = check(c);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        int year = receivedOn.getYear();
        jdbc.update("insert into request_number_counter (year, last) values (?, 0) on conflict (year) do nothing", year);
        int serial = jdbc.queryForObject("update request_number_counter set last = last + 1 where year = ? returning last",
                Integer.class, year);
        String number = String.format("YSQ%d-%05d", year, serial);
        String code = newQueryCode();
        ApplicantCategory category = c.organisation() ? c.category() : ApplicantCategory.NATURAL_PERSON;
        Long id = jdbc.queryForObject("""
                insert into info_request (number, query_code_hash, channel, applicant_kind, applicant_category, applicant_name,
                    credit_code, contact_person, id_type, id_number, phone, email, address, info_name, info_document_number,
                    info_description, provision_form, obtain_way, state, submitted_at, received_on, clock_start_on)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?) returning id""", Long.class,
                number, encoder.encode(normalise(code)), c.channel().name(), c.organisation() ? "ORGANISATION" : "PERSON",
                category.name(), c.applicantName().strip(),
                c.organisation() ? c.creditCode().strip().toUpperCase(Locale.ROOT) : null,
                c.organisation() ? c.contactPerson().strip() : null, c.idType(), c.idNumber().strip().toUpperCase(Locale.ROOT),
                c.phone().strip(), blankToNull(c.email()), c.address().strip(), c.infoName().strip(),
                blankToNull(c.infoDocumentNumber()), c.infoDescription().strip(), c.provisionForm(), c.obtainWay(),
                Timestamp.from(Instant.now(clock)), receivedOn, receivedOn);
        if (c.proof() != null && c.proof().bytes().length > 0) {
            String type = sniff(c.proof().bytes());
            String extension = type.equals("application/pdf") ? ".pdf" : type.equals("image/png") ? ".png" : ".jpg";
            jdbc.update("insert into request_file (request_id, kind, filename, content_type, size, bytes) values (?, 'IDENTITY_PROOF', ?, ?, ?, ?)",
                    id, "身份证明-" + number + extension, type, c.proof().bytes().length, c.proof().bytes());
        }
        // no applicant data in the audit summary: the trail is read by auditors and must not hold identity numbers
        audit.record("request.received", "info_request", number, c.channel().name() + " 收到日期 " + receivedOn
                + (receivedOn.equals(arrivedOn) ? "" : "（" + arrivedOn + " 为非工作日，条例第31条）"));
        LocalDate due = calendar.addWorkingDays(receivedOn, REPLY_DAYS);
        return new Submitted(id, number, code, arrivedOn, receivedOn, due);
    }

    private static String newQueryCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String normalise(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
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

    /** Open requests the person may see, most urgent first (overdue, then fewest working days left). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<RequestView> openRequests(StaffPrincipal me) {
        return ids("state in ('RECEIVED', 'CORRECTION_REQUESTED', 'IN_PROGRESS', 'CONSULTING')", me).stream().map(this::load)
                .sorted(Comparator.comparingInt((RequestView v) -> v.clock().daysLeft()).thenComparing(RequestView::number))
                .toList();
    }

    /** Finished requests the person may see, newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<RequestView> finishedRequests(StaffPrincipal me) {
        return ids("state in ('REPLIED', 'CLOSED', 'WITHDRAWN', 'DEEMED_WITHDRAWN')", me).stream().map(this::load)
                .sorted(Comparator.comparing(RequestView::receivedOn).reversed()).toList();
    }

    private List<Long> ids(String condition, StaffPrincipal me) {
        if (seesAll(me)) {
            return jdbc.queryForList("select id from info_request where " + condition, Long.class);
        }
        // a clerk sees only the requests assigned to their own department
        return jdbc.queryForList("select id from info_request where " + condition + " and department_id = ?", Long.class,
                me.departmentId());
    }

    private static boolean seesAll(StaffPrincipal me) {
        return me.has(Role.REVIEWER) || me.has(Role.APPROVER);
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

    RequestView load(long id) {
        List<RequestView> found = jdbc.query("""
                select r.*, d.name as department_name from info_request r left join department d on d.id = r.department_id
                where r.id = ?""", (rs, i) -> map(rs), id);
        if (found.isEmpty()) {
            throw new NotFoundException();
        }
        return found.get(0);
    }

    private RequestView map(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        List<RequestView.Consultation> consultations = jdbc.query(
                "select id, party, kind, started_on, ended_on from request_consultation where request_id = ? order by id",
                (c, i) -> new RequestView.Consultation(c.getLong("id"), c.getString("party"), c.getString("kind"),
                        c.getObject("started_on", LocalDate.class), c.getObject("ended_on", LocalDate.class)), id);
        List<RequestView.FileInfo> files = jdbc.query(
                "select id, kind, filename, content_type, size from request_file where request_id = ? order by id",
                (f, i) -> new RequestView.FileInfo(f.getLong("id"), f.getString("kind"), f.getString("filename"),
                        f.getString("content_type"), f.getInt("size")), id);
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
                rs.getString("department_name"), rs.getObject("correction_requested_on", LocalDate.class), correctionDue,
                rs.getString("correction_note"), rs.getObject("corrected_on", LocalDate.class), extension,
                rs.getObject("extension_approved_on", LocalDate.class), rs.getString("extension_approved_by"),
                rs.getString("extension_reason"), rs.getObject("replied_on", LocalDate.class),
                replyType == null ? null : ReplyType.valueOf(replyType), ground == null ? null : NotDisclosedGround.valueOf(ground),
                rs.getString("reply_opinion"), rs.getString("reply_text"), rs.getString("reply_draft"),
                rs.getObject("closed_on", LocalDate.class), rs.getObject("withdrawn_on", LocalDate.class),
                promoted == null ? null : promoted.toInstant(), rs.getLong("version"), consultations, files,
                readClock(calendar.rules(), state, clockStart, extension, correctionDue, consultations));
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

    // ---- handling (console) ------------------------------------------------------------------------------------

    private RequestView begin(long id, long version, RequestAction action) {
        RequestView r = load(id);
        if (r.version() != version) {
            throw new ObjectOptimisticLockingFailureException("info_request", id);
        }
        if (!action.allowedFrom(r.state())) {
            throw new RuleViolation(null, "request.error.notNow");
        }
        return r;
    }

    private void move(RequestView r, RequestAction action, String setClause, Object... args) {
        Object[] all = new Object[args.length + 3];
        all[0] = action.next(r.state()).name();
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = r.id();
        all[args.length + 2] = r.version();
        int updated = jdbc.update("update info_request set state = ?, version = version + 1"
                + (setClause.isEmpty() ? "" : ", " + setClause) + " where id = ? and version = ?", all);
        if (updated != 1) {
            throw new ObjectOptimisticLockingFailureException("info_request", r.id());
        }
    }

    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void assign(long id, long version, long departmentId) {
        RequestView r = begin(id, version, RequestAction.ASSIGN);
        String name = identity.departmentView(departmentId).filter(IdentityManagement.DepartmentView::active)
                .orElseThrow(() -> new RuleViolation("departmentId", "request.error.department")).name();
        RequestState next = r.state() == RequestState.RECEIVED ? RequestState.IN_PROGRESS : r.state();
        jdbc.update("update info_request set state = ?, department_id = ?, version = version + 1 where id = ? and version = ?",
                next.name(), departmentId, id, version);
        audit.record("request.assigned", "info_request", r.number(), "交办 " + name);
    }

    /**
     * 条例第30条：申请内容不明确的，应当自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。
     */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void requestCorrection(long id, long version, String note, LocalDate dueOn) {
        RequestView r = begin(id, version, RequestAction.REQUEST_CORRECTION);
        LocalDate today = LocalDate.now(clock);
        if (r.correctionUsed()) {
            throw new RuleViolation("note", "request.error.correctionOnce");
        }
        if (calendar.workingDaysBetween(r.receivedOn(), today) > CORRECTION_NOTICE_DAYS) {
            throw new RuleViolation("note", "request.error.correctionLate");
        }
        if (note == null || note.isBlank()) {
            throw new RuleViolation("note", "request.error.correctionNote");
        }
        if (dueOn == null || !dueOn.isAfter(today)) {
            throw new RuleViolation("dueOn", "request.error.correctionDue");
        }
        move(r, RequestAction.REQUEST_CORRECTION, "correction_requested_on = ?, correction_due_on = ?, correction_note = ?",
                today, dueOn, note.strip());
        audit.record("request.correctionRequested", "info_request", r.number(), "补正期限 " + dueOn);
    }

    /** 条例第30条：答复期限自行政机关收到补正的申请之日起计算. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void receiveCorrection(long id, long version, LocalDate receivedOn) {
        RequestView r = begin(id, version, RequestAction.RECEIVE_CORRECTION);
        LocalDate today = LocalDate.now(clock);
        if (receivedOn == null || receivedOn.isAfter(today) || receivedOn.isBefore(r.correctionRequestedOn())) {
            throw new RuleViolation("receivedOn", "request.error.correctedOn");
        }
        if (receivedOn.isAfter(r.correctionDueOn())) {
            throw new RuleViolation("receivedOn", "request.error.correctedLate");
        }
        RequestState next = r.departmentId() == null ? RequestState.RECEIVED : RequestState.IN_PROGRESS;
        jdbc.update("""
                update info_request set state = ?, corrected_on = ?, clock_start_on = ?, version = version + 1
                where id = ? and version = ?""", next.name(), receivedOn, receivedOn, id, version);
        audit.record("request.corrected", "info_request", r.number(), "收到补正 " + receivedOn + "，重新计算答复期限");
    }

    /** 条例第30条：申请人无正当理由逾期不补正的，视为放弃申请. Run by the daily job, or by the office. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void deemWithdrawn(long id, long version) {
        RequestView r = begin(id, version, RequestAction.DEEM_WITHDRAWN);
        deemWithdrawn(r);
        audit.record("request.deemedWithdrawn", "info_request", r.number(), "逾期未补正，视为放弃申请");
    }

    private void deemWithdrawn(RequestView r) {
        LocalDate today = LocalDate.now(clock);
        if (!today.isAfter(r.correctionDueOn())) {
            throw new RuleViolation(null, "request.error.correctionNotExpired");
        }
        move(r, RequestAction.DEEM_WITHDRAWN, "withdrawn_on = ?", today);
    }

    /** 条例第32条（第三方）、第34条（共同制作机关）：征求意见所需时间不计算在答复期限内. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void startConsultation(long id, long version, String party, String kind) {
        RequestView r = begin(id, version, RequestAction.START_CONSULTATION);
        if (party == null || party.isBlank() || party.strip().length() > 200) {
            throw new RuleViolation("party", "request.error.party");
        }
        if (!"THIRD_PARTY".equals(kind) && !"CO_PRODUCER".equals(kind)) {
            throw new RuleViolation("kind", "request.error.consultationKind");
        }
        move(r, RequestAction.START_CONSULTATION, "");
        jdbc.update("insert into request_consultation (request_id, party, kind, started_on) values (?, ?, ?, ?)",
                id, party.strip(), kind, LocalDate.now(clock));
        audit.record("request.consultationStarted", "info_request", r.number(), kind + " " + party.strip());
    }

    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void endConsultation(long id, long version) {
        RequestView r = begin(id, version, RequestAction.END_CONSULTATION);
        move(r, RequestAction.END_CONSULTATION, "");
        jdbc.update("update request_consultation set ended_on = ? where request_id = ? and ended_on is null",
                LocalDate.now(clock), id);
        audit.record("request.consultationEnded", "info_request", r.number(), "征求意见结束");
    }

    /**
     * 条例第33条：需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日.
     * The head of the office is the APPROVER; only one extension is possible.
     */
    @Transactional
    @PreAuthorize("hasRole('APPROVER')")
    public void extend(long id, long version, int days, String reason, StaffPrincipal me) {
        RequestView r = begin(id, version, RequestAction.EXTEND);
        if (r.extended()) {
            throw new RuleViolation("days", "request.error.extendedAlready");
        }
        if (days < 1 || days > MAX_EXTENSION_DAYS) {
            throw new RuleViolation("days", "request.error.extensionDays");
        }
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("reason", "request.error.extensionReason");
        }
        if (r.clock().overdue()) {
            throw new RuleViolation("days", "request.error.extensionOverdue");
        }
        move(r, RequestAction.EXTEND, "extension_days = ?, extension_approved_on = ?, extension_approved_by = ?, extension_reason = ?",
                days, LocalDate.now(clock), me.getUsername(), reason.strip());
        audit.record("request.extended", "info_request", r.number(), "延长 " + days + " 个工作日：" + reason.strip());
    }

    /** A reply: type, the not-disclosed ground where needed, and the office's opinion that fills the template. */
    public record ReplyCommand(ReplyType type, NotDisclosedGround ground, String opinion) {
    }

    /** A clerk of the assigned department (or the office) saves the reply draft for the office to issue. */
    @Transactional
    @PreAuthorize("hasAnyRole('REVIEWER', 'CLERK')")
    public void draftReply(long id, long version, ReplyCommand command, StaffPrincipal me) {
        RequestView r = request(id, me);
        if (r.version() != version) {
            throw new ObjectOptimisticLockingFailureException("info_request", id);
        }
        if (!RequestAction.DRAFT_REPLY.allowedFrom(r.state())) {
            throw new RuleViolation(null, "request.error.notNow");
        }
        checkReply(command);
        move(r, RequestAction.DRAFT_REPLY, "reply_type = ?, reply_ground = ?, reply_draft = ?", command.type().name(),
                command.ground() == null ? null : command.ground().name(), command.opinion().strip());
        audit.record("request.replyDrafted", "info_request", r.number(), command.type().name());
    }

    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void reply(long id, long version, ReplyCommand command) {
        RequestView r = begin(id, version, RequestAction.REPLY);
        checkReply(command);
        LocalDate today = LocalDate.now(clock);
        String text = fill(template(command.type().name()), r, command.opinion().strip()) + "\n\n" + template("REMEDY");
        move(r, RequestAction.REPLY, "replied_on = ?, reply_type = ?, reply_ground = ?, reply_opinion = ?, reply_text = ?",
                today, command.type().name(), command.ground() == null ? null : command.ground().name(),
                command.opinion().strip(), text);
        byte[] document = replyDocument(r.number(), today, text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        jdbc.update("insert into request_file (request_id, kind, filename, content_type, size, bytes) values (?, 'REPLY', ?, 'text/html', ?, ?)",
                id, "答复书-" + r.number() + ".html", document.length, document);
        // the letter as sent by post or e-mail, when the server has a Chinese font to embed
        pdf.render("政府信息公开申请答复书", replyBody(r.number(), today, text), ".reply-number { text-align: center; }"
                + " p { text-indent: 2em; } .reply-signature { text-align: right; text-indent: 0; margin-top: 24pt; }")
                .ifPresent(letter -> jdbc.update("""
                        insert into request_file (request_id, kind, filename, content_type, size, bytes)
                        values (?, 'REPLY', ?, 'application/pdf', ?, ?)""", id, "答复书-" + r.number() + ".pdf", letter.length, letter));
        audit.record("request.replied", "info_request", r.number(), command.type().name() + " 答复日期 " + today);
    }

    private static void checkReply(ReplyCommand command) {
        if (command.type() == null) {
            throw new RuleViolation("type", "request.error.replyType");
        }
        if (command.type() == ReplyType.NOT_DISCLOSED && command.ground() == null) {
            throw new RuleViolation("ground", "request.error.replyGround");
        }
        if (command.opinion() == null || command.opinion().isBlank()) {
            throw new RuleViolation("opinion", "request.error.replyOpinion");
        }
    }

    private static String fill(String template, RequestView r, String opinion) {
        return template.replace("{number}", r.number()).replace("{receivedOn}", chineseDate(r.receivedOn()))
                .replace("{information}", r.infoName()).replace("{opinion}", opinion)
                .replace("{department}", r.departmentName() == null ? "" : r.departmentName());
    }

    static String chineseDate(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** A self-contained printable reply letter (escaped text; the stylesheet is a same-origin file, as CSP demands). */
    private String replyDocument(String number, LocalDate on, String text) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>政府信息公开申请答复书 "
                + HtmlUtils.htmlEscape(number) + "</title><link rel=\"stylesheet\" href=\"/css/requests.css\"></head>"
                + "<body class=\"reply-document\"><h1>政府信息公开申请答复书</h1>" + replyBody(number, on, text) + "</body></html>";
    }

    /** The letter's number, paragraphs and signature, as well-formed XHTML (also laid out as the PDF). */
    private String replyBody(String number, LocalDate on, String text) {
        StringBuilder html = new StringBuilder("<p class=\"reply-number\">").append(HtmlUtils.htmlEscape(number, "UTF-8")).append("</p>");
        for (String paragraph : text.split("\n")) {
            if (!paragraph.isBlank()) {
                html.append("<p>").append(HtmlUtils.htmlEscape(paragraph, "UTF-8")).append("</p>");
            }
        }
        return html.append("<p class=\"reply-signature\">").append(HtmlUtils.htmlEscape(siteName, "UTF-8")).append("<br/>")
                .append(chineseDate(on)).append("</p>").toString();
    }

    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void close(long id, long version) {
        RequestView r = begin(id, version, RequestAction.CLOSE);
        move(r, RequestAction.CLOSE, "closed_on = ?", LocalDate.now(clock));
        audit.record("request.closed", "info_request", r.number(), "办结");
    }

    /** The applicant withdrew the request (in writing or by phone, recorded by the office). */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void withdraw(long id, long version, String note) {
        RequestView r = begin(id, version, RequestAction.WITHDRAW);
        if (note == null || note.isBlank()) {
            throw new RuleViolation("note", "request.error.withdrawNote");
        }
        move(r, RequestAction.WITHDRAW, "withdrawn_on = ?", LocalDate.now(clock));
        audit.record("request.withdrawn", "info_request", r.number(), "申请人撤回：" + note.strip());
    }

    /**
     * 条例第44条：多个申请人就相同政府信息申请公开，且该政府信息属于可以公开的，可以纳入主动公开的范围.
     * Publishes {@link RequestPromotionRequested}; the content feature creates the draft item.
     */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void promote(long id, long version) {
        RequestView r = begin(id, version, RequestAction.PROMOTE);
        if (r.promoted()) {
            throw new RuleViolation(null, "request.error.promotedAlready");
        }
        if (r.replyType() != ReplyType.DISCLOSED && r.replyType() != ReplyType.PARTLY_DISCLOSED) {
            throw new RuleViolation(null, "request.error.promoteType");
        }
        move(r, RequestAction.PROMOTE, "promoted_at = ?", Timestamp.from(Instant.now(clock)));
        events.publishEvent(new RequestPromotionRequested(r.number(), r.infoName(),
                r.infoDescription() + (r.infoDocumentNumber() == null ? "" : "（" + r.infoDocumentNumber() + "）"),
                r.departmentId()));
        audit.record("request.promoted", "info_request", r.number(), "转为主动公开：" + r.infoName());
    }

    /** What a promoted request asked for (the information's name, no applicant data), to prefill the item that discloses it. */
    @Transactional(readOnly = true)
    public Optional<RequestPromotionRequested> promotion(String number) {
        return jdbc.query("""
                select number, info_name, department_id from info_request where number = ? and promoted_at is not null""",
                (rs, n) -> new RequestPromotionRequested(rs.getString(1), rs.getString(2), "", (Long) rs.getObject(3)), number)
                .stream().findFirst();
    }

    // ---- templates ---------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public String template(String type) {
        return jdbc.queryForObject("select body from reply_template where type = ?", String.class, type);
    }

    /** Templates by type (the reply types and REMEDY) with their versions. */
    public record Template(String type, String body, long version) {
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('REVIEWER')")
    public List<Template> templates() {
        return jdbc.query("select type, body, version from reply_template order by type",
                (rs, i) -> new Template(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void saveTemplate(String type, long version, String body) {
        if (body == null || body.isBlank()) {
            throw new RuleViolation("body", "request.error.templateBody");
        }
        if (!type.equals("REMEDY") && !body.contains("{opinion}")) {
            throw new RuleViolation("body", "request.error.templateOpinion");
        }
        if (type.equals("REMEDY") && !(body.contains("60日") && body.contains("6个月"))) {
            // 行政复议法第20条 60日; 行政诉讼法第46条 6个月
            throw new RuleViolation("body", "request.error.templateRemedy");
        }
        if (jdbc.update("update reply_template set body = ?, version = version + 1 where type = ? and version = ?",
                body.strip(), type, version) != 1) {
            throw new ObjectOptimisticLockingFailureException("reply_template", type);
        }
        audit.record("request.templateChanged", "reply_template", type, "");
    }

    // ---- reminders ---------------------------------------------------------------------------------------------

    /** An inbox entry for the assigned department. */
    public record Notification(long requestId, String number, String kind, String message, LocalDate createdOn) {
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<Notification> notifications(StaffPrincipal me) {
        String sql = """
                select n.request_id, r.number, n.kind, n.message, n.created_on from request_notification n
                join info_request r on r.id = n.request_id
                where n.created_on >= ? and r.state in ('RECEIVED', 'CORRECTION_REQUESTED', 'IN_PROGRESS', 'CONSULTING')""";
        LocalDate since = LocalDate.now(clock).minusDays(7);
        if (seesAll(me)) {
            return jdbc.query(sql + " order by n.created_on desc, n.id desc", this::notification, since);
        }
        return jdbc.query(sql + " and n.department_id = ? order by n.created_on desc, n.id desc", this::notification, since,
                me.departmentId());
    }

    private Notification notification(ResultSet rs, int i) throws SQLException {
        return new Notification(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, LocalDate.class));
    }

    /**
     * The daily run: reminds assigned departments of requests due within 3 working days or overdue, and closes requests whose
     * correction period has passed (条例第30条). Idempotent per day.
     */
    @Transactional
    public int remind() {
        LocalDate today = LocalDate.now(clock);
        int sent = 0;
        for (Long id : jdbc.queryForList("select id from info_request where state in ('RECEIVED', 'CORRECTION_REQUESTED', 'IN_PROGRESS', 'CONSULTING')", Long.class)) {
            RequestView r = load(id);
            if (r.state() == RequestState.CORRECTION_REQUESTED) {
                if (today.isAfter(r.correctionDueOn())) {
                    deemWithdrawn(r);
                    audit.recordAs(SystemActor.actor(SystemActor.SCHEDULER), "", "request.deemedWithdrawn", "info_request", r.number(), "逾期未补正，视为放弃申请");
                }
                continue;
            }
            if (r.departmentId() == null || r.state() == RequestState.CONSULTING) {
                continue;
            }
            String kind = r.clock().overdue() ? "OVERDUE" : r.clock().dueSoon() ? "DUE_SOON" : null;
            if (kind == null) {
                continue;
            }
            String message = kind.equals("OVERDUE")
                    ? "申请 " + r.number() + " 已超过答复期限（" + r.clock().dueOn() + "），逾期 " + r.clock().daysOverdue() + " 个工作日"
                    : "申请 " + r.number() + " 将于 " + r.clock().dueOn() + " 到期，剩余 " + r.clock().daysLeft() + " 个工作日";
            int inserted = jdbc.update("""
                    insert into request_notification (request_id, department_id, kind, message, created_on)
                    values (?, ?, ?, ?, ?) on conflict do nothing""", id, r.departmentId(), kind, message, today);
            if (inserted == 1) {
                // the assigned department's staff also get it in their console inbox (no applicant data in it)
                notifications.notify(identity.accountNamesOf(r.departmentId()).keySet(),
                        kind.equals("OVERDUE") ? "依申请公开逾期：" + r.number() : "依申请公开即将到期：" + r.number(), message,
                        "/admin/requests/" + id);
                audit.recordAs(SystemActor.actor(SystemActor.SCHEDULER), "", "request.reminded", "info_request", r.number(), message);
                sent++;
            }
        }
        jdbc.update("delete from request_throttle where at < ?", Timestamp.from(Instant.now(clock).minusSeconds(86400)));
        return sent;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
