package org.gongkai.interaction;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.gongkai.audit.AuditTrail;
import org.gongkai.audit.SystemActor;
import org.gongkai.console.Notifications;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.infrastructure.PublicChanges;
import org.gongkai.interaction.internal.Redaction;
import org.gongkai.calendar.WorkingDayCalendar;
import org.gongkai.support.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 政民互动: a citizen asks, the office (REVIEWER) assigns the question to a department, the department (its CLERK) answers
 * within a limit of working days counted on the working-day calendar, and a reviewer other than the one who answered passes
 * the answer (or returns it) before it is public. Only passed answers whose asker allowed publication reach the public site,
 * and then only the texts the reviewer passed ({@code public_*}), never the asker's name or contact.
 * <p>
 * Why a review of its own rather than the edition workflow: an answer is not a catalogue item (no index number, no catalogue
 * node, no editions or approval step), so the reviewer's pass/return on the answer itself is the 先审查、后公开 record here;
 * it reuses the REVIEWER role and the separation of duties (who answered cannot pass).
 */
@Service
public class Questions {

    /** Working days the department has to answer, unless configured otherwise. */
    public static final int DEFAULT_ANSWER_DAYS = 5;
    /** Reminders go out this many working days before the limit. */
    public static final int DUE_SOON_DAYS = 1;

    private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = """
            q.id, q.number, q.topic, q.title, q.body, q.asker_name, q.contact, q.may_publish, q.state, q.received_on, q.answer_days,
            q.department_id, q.answer, q.answered_by, q.answered_at, q.review_note, q.reviewed_by, q.reviewed_at, q.public_title,
            q.public_body, q.public_answer, q.published_at, q.related_document, q.version, q.submitted_at, q.answered_on""";

    private final JdbcTemplate jdbc;
    private final WorkingDayCalendar calendar;
    private final AuditTrail audit;
    private final IdentityManagement identity;
    private final Notifications notifications;
    private final PasswordEncoder encoder;
    private final PublicChanges publicChanges;
    private final Clock clock;
    private final int answerDays;
    private final String dummyHash;

    Questions(JdbcTemplate jdbc, WorkingDayCalendar calendar, AuditTrail audit, IdentityManagement identity,
              Notifications notifications, PasswordEncoder encoder, PublicChanges publicChanges, Clock clock,
              @Value("${gongkai.questions.answer-days:5}") int answerDays) {
        if (answerDays < 1 || answerDays > 60) {
            throw new IllegalArgumentException("gongkai.questions.answer-days must be between 1 and 60");
        }
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.audit = audit;
        this.identity = identity;
        this.notifications = notifications;
        this.encoder = encoder;
        this.publicChanges = publicChanges;
        this.clock = clock;
        this.answerDays = answerDays;
        this.dummyHash = encoder.encode("unknown-question-number");
    }

    public int answerDays() {
        return answerDays;
    }

    // ---- asking ------------------------------------------------------------------------------------------------

    /** What a citizen submits; {@code relatedDocument} is the public id of the item the question came from, if any. */
    public record AskCommand(QuestionTopic topic, String title, String body, String askerName, String contact,
                             boolean mayPublish, String relatedDocument) {
    }

    /** The receipt: the number and the query code (shown once, stored only as a hash) and the day the answer is due. */
    public record Receipt(long id, String number, String queryCode, LocalDate receivedOn, LocalDate dueOn) {
    }

    /**
     * Records a question. A question that arrives on a weekend or holiday counts as received on the next working day, as the
     * office confirms online submissions only on working days (the same rule as 条例第31条 for requests).
     */
    @Transactional
    public Receipt ask(AskCommand c) {
        if (c.topic() == null || c.title() == null || c.title().isBlank() || c.body() == null || c.body().isBlank()
                || c.contact() == null || c.contact().isBlank()) {
            throw new RuleViolation("body", "question.error.body");
        }
        LocalDate today = LocalDate.now(clock);
        var rules = calendar.rules();
        LocalDate receivedOn = today;
        while (!rules.isWorkingDay(receivedOn)) {
            receivedOn = receivedOn.plusDays(1);
        }
        int year = receivedOn.getYear();
        jdbc.update("insert into question_number_counter (year, last) values (?, 0) on conflict (year) do nothing", year);
        int serial = jdbc.queryForObject("update question_number_counter set last = last + 1 where year = ? returning last",
                Integer.class, year);
        String number = String.format("ZMHD%d-%05d", year, serial);
        String code = newQueryCode();
        String related = c.relatedDocument() == null || !c.relatedDocument().matches("[a-z0-9]{8,40}") ? null : c.relatedDocument();
        Long id = jdbc.queryForObject("""
                insert into question (number, query_code_hash, topic, title, body, asker_name, contact, may_publish, state,
                    submitted_at, received_on, answer_days, related_document)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?, ?) returning id""", Long.class,
                number, encoder.encode(normalise(code)), c.topic().name(), c.title().strip(), c.body().strip(),
                blankToNull(c.askerName()), c.contact().strip(), c.mayPublish(), Timestamp.from(Instant.now(clock)), receivedOn,
                answerDays, related);
        // no name or contact in the audit summary
        audit.record("question.received", "question", number,
                c.topic().name() + " 收到日期 " + receivedOn);
        return new Receipt(id, number, code, receivedOn, rules.addWorkingDays(receivedOn, answerDays, List.of()));
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
        return code == null ? "" : code.replace("-", "").replace(" ", "").strip().toUpperCase(Locale.ROOT);
    }

    // ---- tracking ----------------------------------------------------------------------------------------------

    /** What the asker sees with number and query code: the state, the due date and, once passed, the answer. */
    public record Tracking(String number, QuestionTopic topic, String title, QuestionState state, LocalDate receivedOn,
                           LocalDate dueOn, String answer, Instant repliedAt, boolean mayPublish, Long publicId) {
    }

    /** The question for a number and query code; a wrong pair and an unknown number take the same time. */
    @Transactional(readOnly = true)
    public Optional<Tracking> track(String number, String code) {
        List<Long> ids = jdbc.queryForList("select id from question where number = ?", Long.class,
                number == null ? "" : number.strip().toUpperCase(Locale.ROOT));
        if (ids.isEmpty()) {
            encoder.matches(normalise(code), dummyHash);
            return Optional.empty();
        }
        String hash = jdbc.queryForObject("select query_code_hash from question where id = ?", String.class, ids.get(0));
        if (!encoder.matches(normalise(code), hash)) {
            return Optional.empty();
        }
        QuestionView q = load(ids.get(0));
        boolean replied = q.state() == QuestionState.REPLIED;
        return Optional.of(new Tracking(q.number(), q.topic(), q.title(), q.state(), q.receivedOn(), q.dueOn(),
                replied ? q.publicAnswer() : null, replied ? q.reviewedAt() : null, q.mayPublish(),
                q.publishedAt() != null ? q.id() : null));
    }

    // ---- the console -------------------------------------------------------------------------------------------

    /** A question as the console shows it; overdue and days left are derived from today. */
    public record QuestionView(long id, String number, QuestionTopic topic, String title, String body, String askerName,
                               String contact, boolean mayPublish, QuestionState state, LocalDate receivedOn, int answerDays,
                               LocalDate dueOn, int daysLeft, Long departmentId, String departmentName, String answer,
                               Long answeredBy, Instant answeredAt, LocalDate answeredOn, String reviewNote, Long reviewedBy,
                               Instant reviewedAt, String publicTitle, String publicBody, String publicAnswer,
                               Instant publishedAt, String relatedDocument, long version, Instant submittedAt) {

        /** Past the working-day limit and still without an answer from the department. */
        public boolean overdue() {
            return state.awaitingDepartment() && daysLeft < 0;
        }

        public boolean dueSoon() {
            return state.awaitingDepartment() && daysLeft >= 0 && daysLeft <= DUE_SOON_DAYS;
        }

        public int daysOverdue() {
            return Math.max(1, -daysLeft);
        }

        /** The question text the reviewer is offered to publish: as asked, with ID and phone numbers masked. */
        public String suggestedPublicBody() {
            return publicBody != null ? publicBody : Redaction.mask(body);
        }

        public String suggestedPublicTitle() {
            return publicTitle != null ? publicTitle : Redaction.mask(title);
        }
    }

    /** Open questions the person may see (the office and leaders all, a clerk their department's), overdue first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<QuestionView> openQuestions(StaffPrincipal me) {
        return visible(me, "q.state <> 'REPLIED'").stream()
                .sorted(java.util.Comparator.comparing((QuestionView q) -> !q.overdue()).thenComparing(QuestionView::daysLeft))
                .toList();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<QuestionView> repliedQuestions(StaffPrincipal me) {
        return visible(me, "q.state = 'REPLIED'").stream()
                .sorted(java.util.Comparator.comparing(QuestionView::reviewedAt).reversed()).limit(200).toList();
    }

    /** A question past its working-day limit without an answer, as the site self-check lists it (no asker's data). */
    public record Overdue(long id, String number, String departmentName, LocalDate dueOn, int daysOverdue) {
    }

    /** Every question past its working-day limit without an answer (the self-check's 互动回应差; reads, changes nothing). */
    @Transactional(readOnly = true)
    public List<Overdue> overdue() {
        var rules = calendar.rules();
        LocalDate today = LocalDate.now(clock);
        java.util.Map<Long, String> names = identity.departmentNames();
        return jdbc.query("select " + COLUMNS + " from question q where q.state <> 'REPLIED' order by q.id",
                        (rs, n) -> view(rs, rules, today, names)).stream()
                .filter(QuestionView::overdue)
                .map(q -> new Overdue(q.id(), q.number(), q.departmentName(), q.dueOn(), q.daysOverdue()))
                .toList();
    }

    /** Questions past their working-day limit, for the office's start page. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<QuestionView> overdueQuestions(StaffPrincipal me) {
        return openQuestions(me).stream().filter(QuestionView::overdue).toList();
    }

    private List<QuestionView> visible(StaffPrincipal me, String condition) {
        List<Long> ids = seesAll(me)
                ? jdbc.queryForList("select q.id from question q where " + condition, Long.class)
                : jdbc.queryForList("select q.id from question q where " + condition + " and q.department_id = ?", Long.class,
                        me.departmentId());
        var rules = calendar.rules();
        LocalDate today = LocalDate.now(clock);
        List<QuestionView> views = new ArrayList<>();
        for (Long id : ids) {
            views.add(load(id, rules, today));
        }
        return views;
    }

    private static boolean seesAll(StaffPrincipal me) {
        return me.has(Role.REVIEWER) || me.has(Role.APPROVER);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public QuestionView question(long id, StaffPrincipal me) {
        QuestionView q = load(id);
        if (!seesAll(me) && (q.departmentId() == null || q.departmentId() != me.departmentId())) {
            throw new NotFoundException();
        }
        return q;
    }

    QuestionView load(long id) {
        return load(id, calendar.rules(), LocalDate.now(clock));
    }

    private QuestionView load(long id, WorkingDayCalendar.Rules rules, LocalDate today) {
        // the department's name comes from identity, which owns the table
        java.util.Map<Long, String> names = identity.departmentNames();
        List<QuestionView> found = jdbc.query("select " + COLUMNS + " from question q where q.id = ?",
                (rs, n) -> view(rs, rules, today, names), id);
        if (found.isEmpty()) {
            throw new NotFoundException();
        }
        return found.get(0);
    }

    private static QuestionView view(ResultSet rs, WorkingDayCalendar.Rules rules, LocalDate today,
                                     java.util.Map<Long, String> departmentNames) throws SQLException {
        LocalDate receivedOn = rs.getObject("received_on", LocalDate.class);
        int days = rs.getInt("answer_days");
        LocalDate due = rules.addWorkingDays(receivedOn, days, List.of());
        int left = today.isAfter(due) ? -Math.max(1, rules.workingDaysBetween(due, today)) : rules.workingDaysBetween(today, due);
        return new QuestionView(rs.getLong("id"), rs.getString("number"), QuestionTopic.valueOf(rs.getString("topic")),
                rs.getString("title"), rs.getString("body"), rs.getString("asker_name"), rs.getString("contact"),
                rs.getBoolean("may_publish"), QuestionState.valueOf(rs.getString("state")), receivedOn, days, due, left,
                (Long) rs.getObject("department_id"), departmentNames.get((Long) rs.getObject("department_id")), rs.getString("answer"),
                (Long) rs.getObject("answered_by"), instant(rs, "answered_at"), rs.getObject("answered_on", LocalDate.class),
                rs.getString("review_note"), (Long) rs.getObject("reviewed_by"), instant(rs, "reviewed_at"),
                rs.getString("public_title"), rs.getString("public_body"), rs.getString("public_answer"),
                instant(rs, "published_at"), rs.getString("related_document"), rs.getLong("version"), instant(rs, "submitted_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    // ---- handling ----------------------------------------------------------------------------------------------

    /** The office assigns (or re-assigns) an unanswered question to a department. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void assign(long id, long version, long departmentId) {
        QuestionView q = load(id);
        if (!(q.state() == QuestionState.RECEIVED || q.state() == QuestionState.ASSIGNED)) {
            throw new RuleViolation("departmentId", "question.error.notAssignable");
        }
        var department = identity.departmentView(departmentId).filter(IdentityManagement.DepartmentView::active)
                .orElseThrow(() -> new RuleViolation("departmentId", "question.error.department"));
        update(id, version, "update question set state = 'ASSIGNED', department_id = ?, assigned_at = ?, version = version + 1 where id = ? and version = ?",
                departmentId, Timestamp.from(Instant.now(clock)), id, version);
        notifications.notify(identity.accountNamesOf(departmentId).keySet(), "政民互动留言待答复：" + q.number(),
                "请在 " + q.dueOn() + " 前答复。", "/admin/questions/" + id);
        audit.record("question.assigned", "question", q.number(), "交办 " + department.name());
    }

    /** The assigned department answers (again, after a return); the answer then waits for review. */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK', 'REVIEWER')")
    public void answer(long id, long version, String answer, StaffPrincipal me) {
        QuestionView q = load(id);
        if (!(q.state() == QuestionState.ASSIGNED || q.state() == QuestionState.RETURNED)) {
            throw new RuleViolation("answer", "question.error.notAnswerable");
        }
        if (q.departmentId() == null || q.departmentId() != me.departmentId()) {
            throw new RuleViolation("answer", "question.error.notYourDepartment");
        }
        if (answer == null || answer.isBlank() || answer.strip().length() > 5000) {
            throw new RuleViolation("answer", "question.error.answer");
        }
        update(id, version, """
                update question set state = 'ANSWERED', answer = ?, answered_by = ?, answered_at = ?, answered_on = ?,
                    version = version + 1 where id = ? and version = ?""",
                answer.strip(), me.id(), Timestamp.from(Instant.now(clock)), LocalDate.now(clock), id, version);
        notifications.notify(identity.accountIdsWithRoleCovering(Role.REVIEWER, q.departmentId()), "政民互动答复待审核：" + q.number(), "", "/admin/questions/" + id);
        audit.record("question.answered", "question", q.number(), q.overdue() ? "逾期 " + q.daysOverdue() + " 个工作日后答复" : "");
    }

    /** What the reviewer passes: the question and answer texts as they will be public (personal data removed). */
    public record PassCommand(String publicTitle, String publicBody, String publicAnswer, boolean confirmed) {
    }

    /**
     * The reviewer passes the answer: 先审查、后公开. It is public from now on when the asker allowed it; otherwise only the
     * asker sees it through the tracking page. Who answered cannot pass their own answer.
     */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void pass(long id, long version, PassCommand c, StaffPrincipal me) {
        QuestionView q = load(id);
        if (q.state() != QuestionState.ANSWERED) {
            throw new RuleViolation(null, "question.error.notReviewable");
        }
        if (q.answeredBy() != null && q.answeredBy() == me.id()) {
            throw new RuleViolation(null, "question.error.ownAnswer");
        }
        if (!c.confirmed()) {
            throw new RuleViolation("confirmed", "question.error.confirm");
        }
        if (blank(c.publicTitle()) || blank(c.publicBody()) || blank(c.publicAnswer()) || c.publicTitle().strip().length() > 100
                || c.publicBody().strip().length() > 2000 || c.publicAnswer().strip().length() > 5000) {
            throw new RuleViolation("publicAnswer", "question.error.publicText");
        }
        Instant now = Instant.now(clock);
        update(id, version, """
                update question set state = 'REPLIED', reviewed_by = ?, reviewed_at = ?, review_note = null,
                    public_title = ?, public_body = ?, public_answer = ?, published_at = case when may_publish then cast(? as timestamptz) end,
                    version = version + 1 where id = ? and version = ?""",
                me.id(), Timestamp.from(now), c.publicTitle().strip(), c.publicBody().strip(), c.publicAnswer().strip(),
                Timestamp.from(now), id, version);
        audit.record("question.passed", "question", q.number(), q.mayPublish() ? "审核通过并公开" : "审核通过（提问人不同意公开，仅本人可查）");
        if (q.mayPublish()) {
            publicChanges.announce();
        }
    }

    /** The reviewer returns the answer to the department with a reason. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void returnAnswer(long id, long version, String reason, StaffPrincipal me) {
        QuestionView q = load(id);
        if (q.state() != QuestionState.ANSWERED) {
            throw new RuleViolation(null, "question.error.notReviewable");
        }
        if (blank(reason) || reason.strip().length() > 500) {
            throw new RuleViolation("reason", "question.error.reason");
        }
        update(id, version, "update question set state = 'RETURNED', review_note = ?, version = version + 1 where id = ? and version = ?",
                reason.strip(), id, version);
        notifications.notify(identity.accountNamesOf(q.departmentId()).keySet(), "政民互动答复被退回：" + q.number(), reason.strip(),
                "/admin/questions/" + id);
        audit.record("question.returned", "question", q.number(), reason.strip());
    }

    /** Takes a published answer off the public site (published in error); the asker still sees it when tracking. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void unpublish(long id, long version) {
        QuestionView q = load(id);
        if (q.publishedAt() == null) {
            throw new RuleViolation(null, "question.error.notPublished");
        }
        update(id, version, "update question set published_at = null, may_publish = false, version = version + 1 where id = ? and version = ?",
                id, version);
        audit.record("question.unpublished", "question", q.number(), "");
        publicChanges.announce();
    }

    private void update(long id, long version, String sql, Object... args) {
        if (jdbc.update(sql, args) != 1) {
            throw new ObjectOptimisticLockingFailureException("question", id);
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    // ---- reminders ---------------------------------------------------------------------------------------------

    /**
     * The daily run: reminds the assigned department of questions due within {@value #DUE_SOON_DAYS} working day or overdue,
     * in its inbox; once per question, kind and day.
     */
    @Transactional
    public int remind() {
        LocalDate today = LocalDate.now(clock);
        var rules = calendar.rules();
        int sent = 0;
        for (Long id : jdbc.queryForList("select id from question where state in ('ASSIGNED', 'RETURNED')", Long.class)) {
            QuestionView q = load(id, rules, today);
            String kind = q.overdue() ? "OVERDUE" : q.dueSoon() ? "DUE_SOON" : null;
            if (kind == null) {
                continue;
            }
            String message = kind.equals("OVERDUE")
                    ? "政民互动留言 " + q.number() + " 已超过答复期限（" + q.dueOn() + "），逾期 " + q.daysOverdue() + " 个工作日"
                    : "政民互动留言 " + q.number() + " 将于 " + q.dueOn() + " 到期，剩余 " + q.daysLeft() + " 个工作日";
            int inserted = jdbc.update("""
                    insert into question_notification (question_id, department_id, kind, message, created_on)
                    values (?, ?, ?, ?, ?) on conflict do nothing""", id, q.departmentId(), kind, message, today);
            if (inserted == 1) {
                notifications.notify(identity.accountNamesOf(q.departmentId()).keySet(),
                        (kind.equals("OVERDUE") ? "政民互动逾期：" : "政民互动即将到期：") + q.number(), message, "/admin/questions/" + id);
                audit.recordAs(SystemActor.actor(SystemActor.SCHEDULER), "", "question.reminded", "question", q.number(), message);
                sent++;
            }
        }
        jdbc.update("delete from interaction_throttle where at < ?", Timestamp.from(Instant.now(clock).minusSeconds(86400)));
        return sent;
    }

    // ---- the public read model ---------------------------------------------------------------------------------

    /** A published question and answer: only the texts the reviewer passed, never the asker's name or contact. */
    public record PublicQuestion(long id, QuestionTopic topic, String title, String body, String answer, String departmentName,
                                 LocalDate askedOn, Instant repliedAt, String relatedDocument) {
    }

    private static final String PUBLIC_COLUMNS = """
            select q.id, q.topic, q.public_title, q.public_body, q.public_answer, q.department_id, q.received_on, q.published_at,
                q.related_document from question q
            where q.department_id is not null and q.published_at is not null and q.may_publish and q.state = 'REPLIED'""";

    /** Maps public rows; the department names are read once per query from identity, which owns them. */
    private org.springframework.jdbc.core.RowMapper<PublicQuestion> publicQuestions() {
        java.util.Map<Long, String> names = identity.departmentNames();
        return (rs, n) -> publicQuestion(rs, names);
    }

    private static PublicQuestion publicQuestion(ResultSet rs, java.util.Map<Long, String> names) throws SQLException {
        return new PublicQuestion(rs.getLong(1), QuestionTopic.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), names.get(rs.getLong(6)), rs.getObject(7, LocalDate.class), rs.getTimestamp(8).toInstant(), rs.getString(9));
    }

    @Transactional(readOnly = true)
    public Optional<PublicQuestion> published(long id) {
        return jdbc.query(PUBLIC_COLUMNS + " and q.id = ?", publicQuestions(), id).stream().findFirst();
    }

    /** Published Q&A, newest first, optionally of one topic and containing a phrase (in question or answer). */
    @Transactional(readOnly = true)
    public List<PublicQuestion> published(QuestionTopic topic, String phrase, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(PUBLIC_COLUMNS);
        if (topic != null) {
            sql.append(" and q.topic = ?");
            args.add(topic.name());
        }
        if (phrase != null && !phrase.isBlank()) {
            String like = "%" + phrase.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" and (q.public_title ilike ? or q.public_body ilike ? or q.public_answer ilike ?)");
            args.add(like);
            args.add(like);
            args.add(like);
        }
        sql.append(" order by q.published_at desc, q.id desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), publicQuestions(), args.toArray());
    }

    /** Published Q&A that name this item as their source, for the item page. */
    @Transactional(readOnly = true)
    public List<PublicQuestion> relatedTo(String documentId) {
        return jdbc.query(PUBLIC_COLUMNS + " and q.related_document = ? order by q.published_at desc limit 10",
                publicQuestions(), documentId);
    }

    /** How many published Q&A each topic has. */
    @Transactional(readOnly = true)
    public java.util.Map<QuestionTopic, Long> publishedCounts() {
        java.util.Map<QuestionTopic, Long> counts = new java.util.EnumMap<>(QuestionTopic.class);
        jdbc.query("select topic, count(*) from question where published_at is not null and may_publish and state = 'REPLIED' group by topic",
                rs -> {
                    counts.put(QuestionTopic.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    // ---- FAQ (常见问题) ----------------------------------------------------------------------------------------

    /** A FAQ entry: a typical question with its standing answer. */
    public record FaqEntry(long id, QuestionTopic topic, String question, String answer, Long sourceQuestionId, int position,
                           long version) {
    }

    @Transactional(readOnly = true)
    public List<FaqEntry> faq() {
        return jdbc.query("select id, topic, question, answer, source_question_id, position, version from faq_entry order by position, id",
                (rs, n) -> new FaqEntry(rs.getLong(1), QuestionTopic.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5), rs.getInt(6), rs.getLong(7)));
    }

    /** The office adds a FAQ entry, usually from a replied question (whose passed texts are the starting point). */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public long addFaq(QuestionTopic topic, String question, String answer, Long sourceQuestionId) {
        if (topic == null) {
            throw new RuleViolation("topic", "question.error.topic");
        }
        if (blank(question) || question.strip().length() > 200) {
            throw new RuleViolation("question", "faq.error.question");
        }
        if (blank(answer) || answer.strip().length() > 5000) {
            throw new RuleViolation("answer", "faq.error.answer");
        }
        if (sourceQuestionId != null && load(sourceQuestionId).state() != QuestionState.REPLIED) {
            throw new RuleViolation(null, "faq.error.source");
        }
        Integer position = jdbc.queryForObject("select coalesce(max(position), 0) + 1 from faq_entry", Integer.class);
        Long id = jdbc.queryForObject("""
                insert into faq_entry (topic, question, answer, source_question_id, position, created_at)
                values (?, ?, ?, ?, ?, ?) returning id""", Long.class, topic.name(), Redaction.mask(question.strip()),
                Redaction.mask(answer.strip()), sourceQuestionId, position, Timestamp.from(Instant.now(clock)));
        audit.record("faq.added", "faq_entry", id, question.strip());
        publicChanges.announce();
        return id;
    }

    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void removeFaq(long id, long version) {
        if (jdbc.update("delete from faq_entry where id = ? and version = ?", id, version) != 1) {
            throw new ObjectOptimisticLockingFailureException("faq_entry", id);
        }
        audit.record("faq.removed", "faq_entry", id, "");
        publicChanges.announce();
    }

    /** Replied questions that share a topic and a title phrase with others: candidates for the FAQ. */
    public record Repeated(QuestionTopic topic, String title, long count, long latestId) {
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('REVIEWER')")
    public List<Repeated> repeatedQuestions() {
        return jdbc.query("""
                select topic, min(coalesce(public_title, title)), count(*), max(id) from question where state = 'REPLIED'
                group by topic, left(regexp_replace(coalesce(public_title, title), '[[:space:][:punct:]？，。、]', '', 'g'), 8)
                having count(*) > 1 order by count(*) desc, max(id) desc limit 20""",
                (rs, n) -> new Repeated(QuestionTopic.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3), rs.getLong(4)));
    }
}
