package org.gongkai.requests;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.calendar.WorkingDayCalendar;
import org.gongkai.support.RuleViolation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Handling a request in the console: each step is a {@link RequestAction}, checked against the state it starts from and
 * moved by {@link #move} (the one place that sets the state, with the optimistic version check). The reply's letters are
 * {@link ReplyLetters}'s: the text and the printable page in the reply's transaction, the PDF after it commits.
 */
@Service
public class RequestHandling {

    private final JdbcTemplate jdbc;
    private final InformationRequests requests;
    private final ReplyLetters letters;
    private final WorkingDayCalendar calendar;
    private final AuditTrail audit;
    private final IdentityManagement identity;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final org.gongkai.console.Notifications notifications;

    RequestHandling(JdbcTemplate jdbc, InformationRequests requests, ReplyLetters letters, WorkingDayCalendar calendar,
                    AuditTrail audit, IdentityManagement identity, ApplicationEventPublisher events, Clock clock,
                    org.gongkai.console.Notifications notifications) {
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.requests = requests;
        this.letters = letters;
        this.calendar = calendar;
        this.audit = audit;
        this.identity = identity;
        this.events = events;
        this.clock = clock;
    }

    private RequestView begin(long id, long version, RequestAction action) {
        RequestView r = requests.load(id);
        if (r.version() != version) {
            throw new ObjectOptimisticLockingFailureException("info_request", id);
        }
        if (!action.allowedFrom(r.state())) {
            throw new RuleViolation(null, "request.error.notNow");
        }
        return r;
    }

    /**
     * The one place a request's state changes: to {@link RequestAction#next}, with the given columns, if nobody changed the
     * request since it was read (version).
     */
    private void move(RequestView r, RequestAction action, String setClause, Object... args) {
        Object[] all = new Object[args.length + 3];
        all[0] = action.next(r.state(), r.departmentId() != null).name();
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
        move(r, RequestAction.ASSIGN, "department_id = ?", departmentId);
        audit.record("request.assigned", "info_request", r.number(), "交办 " + name);
        // the assigned department hears of it in the console inbox (no applicant data in the notice); a reassignment
        // closes the notice the previous department got
        notifications.close(List.of("/admin/requests/" + id));
        notifications.notify(identity.accountNamesOf(departmentId).keySet(), "依申请公开交办：" + r.number(),
                "请在答复期限" + r.clock().dueOn() + "前提出答复意见", "/admin/requests/" + id);
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
        if (calendar.workingDaysBetween(r.receivedOn(), today) > InformationRequests.CORRECTION_NOTICE_DAYS) {
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
        move(r, RequestAction.RECEIVE_CORRECTION, "corrected_on = ?, clock_start_on = ?", receivedOn, receivedOn);
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

    void deemWithdrawn(RequestView r) {
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
        if (days < 1 || days > InformationRequests.MAX_EXTENSION_DAYS) {
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
        RequestView r = requests.request(id, me);
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

    /**
     * Issues the reply: the letter's text and its printable page are stored with the reply; the PDF letter is rendered after
     * the reply commits ({@link RequestReplied}, {@link ReplyLetters}), outside the transaction.
     */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void reply(long id, long version, ReplyCommand command) {
        RequestView r = begin(id, version, RequestAction.REPLY);
        checkReply(command);
        LocalDate today = LocalDate.now(clock);
        String text = letters.text(command.type(), r, command.opinion().strip());
        move(r, RequestAction.REPLY, "replied_on = ?, reply_type = ?, reply_ground = ?, reply_opinion = ?, reply_text = ?",
                today, command.type().name(), command.ground() == null ? null : command.ground().name(),
                command.opinion().strip(), text);
        letters.storePage(id, r.number(), today, text);
        events.publishEvent(new RequestReplied(id, r.number()));
        audit.record("request.replied", "info_request", r.number(), command.type().name() + " 答复日期 " + today);
        notifications.close(List.of("/admin/requests/" + id)); // the reminders and the assignment notice are settled
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

    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void close(long id, long version) {
        RequestView r = begin(id, version, RequestAction.CLOSE);
        move(r, RequestAction.CLOSE, "closed_on = ?", LocalDate.now(clock));
        notifications.close(List.of("/admin/requests/" + id));
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
        notifications.close(List.of("/admin/requests/" + id));
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
}
