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

import static org.gongkai.interaction.Questions.*;

import org.gongkai.interaction.Questions.*;
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
 * Handling in the console: the office assigns, the department answers within its working-day limit, a reviewer other than
 * the one who answered passes or returns the answer; the lists by office and department and the daily reminders.
 */
@Service
public class QuestionHandling {

    private final QuestionRecords records;
    private final JdbcTemplate jdbc;
    private final WorkingDayCalendar calendar;
    private final AuditTrail audit;
    private final IdentityManagement identity;
    private final Notifications notifications;
    private final PublicChanges publicChanges;
    private final org.gongkai.publication.StoredItemPages itemPages;
    private final Clock clock;

    QuestionHandling(QuestionRecords records, JdbcTemplate jdbc, WorkingDayCalendar calendar, AuditTrail audit,
                     IdentityManagement identity, Notifications notifications, PublicChanges publicChanges,
                     org.gongkai.publication.StoredItemPages itemPages, Clock clock) {
        this.itemPages = itemPages;
        this.records = records;
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.audit = audit;
        this.identity = identity;
        this.notifications = notifications;
        this.publicChanges = publicChanges;
        this.clock = clock;
    }

    /** Open questions the person may see (the office and leaders all, a clerk their department's), overdue first. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<QuestionView> openQuestions(StaffPrincipal me) {
        return records.visible(me, "q.state <> 'REPLIED'").stream()
                .sorted(java.util.Comparator.comparing((QuestionView q) -> !q.overdue()).thenComparing(QuestionView::daysLeft))
                .toList();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public List<QuestionView> repliedQuestions(StaffPrincipal me) {
        return records.visible(me, "q.state = 'REPLIED'").stream()
                .sorted(java.util.Comparator.comparing(QuestionView::reviewedAt).reversed()).limit(200).toList();
    }

    /** Every question past its working-day limit without an answer (the self-check's 互动回应差; reads, changes nothing). */
    @Transactional(readOnly = true)
    public List<Overdue> overdue() {
        var rules = calendar.rules();
        LocalDate today = LocalDate.now(clock);
        java.util.Map<Long, String> names = identity.departmentNames();
        return jdbc.query("select " + QuestionRecords.COLUMNS + " from question q where q.state <> 'REPLIED' order by q.id",
                        (rs, n) -> QuestionRecords.view(rs, rules, today, names)).stream()
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

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    public QuestionView question(long id, StaffPrincipal me) {
        QuestionView q = records.load(id);
        if (!QuestionRecords.seesAll(me) && (q.departmentId() == null || q.departmentId() != me.departmentId())) {
            throw new NotFoundException();
        }
        return q;
    }

    /** The office assigns (or re-assigns) an unanswered question to a department. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void assign(long id, long version, long departmentId) {
        QuestionView q = records.load(id);
        if (!(q.state() == QuestionState.RECEIVED || q.state() == QuestionState.ASSIGNED)) {
            throw new RuleViolation("departmentId", "question.error.notAssignable");
        }
        var department = identity.departmentView(departmentId).filter(IdentityManagement.DepartmentView::active)
                .orElseThrow(() -> new RuleViolation("departmentId", "question.error.department"));
        records.update(id, version, "update question set state = 'ASSIGNED', department_id = ?, assigned_at = ?, version = version + 1 where id = ? and version = ?",
                departmentId, Timestamp.from(Instant.now(clock)), id, version);
        notifications.notify(identity.accountNamesOf(departmentId).keySet(), "政民互动留言待答复：" + q.number(),
                "请在 " + q.dueOn() + " 前答复。", "/admin/questions/" + id);
        audit.record("question.assigned", "question", q.number(), "交办 " + department.name());
    }

    /** The assigned department answers (again, after a return); the answer then waits for review. */
    @Transactional
    @PreAuthorize("hasAnyRole('CLERK', 'REVIEWER')")
    public void answer(long id, long version, String answer, StaffPrincipal me) {
        QuestionView q = records.load(id);
        if (!(q.state() == QuestionState.ASSIGNED || q.state() == QuestionState.RETURNED)) {
            throw new RuleViolation("answer", "question.error.notAnswerable");
        }
        if (q.departmentId() == null || q.departmentId() != me.departmentId()) {
            throw new RuleViolation("answer", "question.error.notYourDepartment");
        }
        if (answer == null || answer.isBlank() || answer.strip().length() > 5000) {
            throw new RuleViolation("answer", "question.error.answer");
        }
        records.update(id, version, """
                update question set state = 'ANSWERED', answer = ?, answered_by = ?, answered_at = ?, answered_on = ?,
                    version = version + 1 where id = ? and version = ?""",
                answer.strip(), me.id(), Timestamp.from(Instant.now(clock)), LocalDate.now(clock), id, version);
        notifications.notify(identity.accountIdsWithRoleCovering(Role.REVIEWER, q.departmentId()), "政民互动答复待审核：" + q.number(), "", "/admin/questions/" + id);
        audit.record("question.answered", "question", q.number(), q.overdue() ? "逾期 " + q.daysOverdue() + " 个工作日后答复" : "");
    }

    /**
     * The reviewer passes the answer: 先审查、后公开. It is public from now on when the asker allowed it; otherwise only the
     * asker sees it through the tracking page. Who answered cannot pass their own answer.
     */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void pass(long id, long version, PassCommand c, StaffPrincipal me) {
        QuestionView q = records.load(id);
        if (q.state() != QuestionState.ANSWERED) {
            throw new RuleViolation(null, "question.error.notReviewable");
        }
        if (q.answeredBy() != null && q.answeredBy() == me.id()) {
            throw new RuleViolation(null, "question.error.ownAnswer");
        }
        if (!c.confirmed()) {
            throw new RuleViolation("confirmed", "question.error.confirm");
        }
        if (QuestionRecords.blank(c.publicTitle()) || QuestionRecords.blank(c.publicBody()) || QuestionRecords.blank(c.publicAnswer()) || c.publicTitle().strip().length() > 100
                || c.publicBody().strip().length() > 2000 || c.publicAnswer().strip().length() > 5000) {
            throw new RuleViolation("publicAnswer", "question.error.publicText");
        }
        Instant now = Instant.now(clock);
        records.update(id, version, """
                update question set state = 'REPLIED', reviewed_by = ?, reviewed_at = ?, review_note = null,
                    public_title = ?, public_body = ?, public_answer = ?, published_at = case when may_publish then cast(? as timestamptz) end,
                    version = version + 1 where id = ? and version = ?""",
                me.id(), Timestamp.from(now), c.publicTitle().strip(), c.publicBody().strip(), c.publicAnswer().strip(),
                Timestamp.from(now), id, version);
        audit.record("question.passed", "question", q.number(), q.mayPublish() ? "审核通过并公开" : "审核通过（提问人不同意公开，仅本人可查）");
        if (q.mayPublish()) {
            publicChanges.announce();
            itemPageChanged(q);
        }
    }

    /** The reviewer returns the answer to the department with a reason. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void returnAnswer(long id, long version, String reason, StaffPrincipal me) {
        QuestionView q = records.load(id);
        if (q.state() != QuestionState.ANSWERED) {
            throw new RuleViolation(null, "question.error.notReviewable");
        }
        if (QuestionRecords.blank(reason) || reason.strip().length() > 500) {
            throw new RuleViolation("reason", "question.error.reason");
        }
        records.update(id, version, "update question set state = 'RETURNED', review_note = ?, version = version + 1 where id = ? and version = ?",
                reason.strip(), id, version);
        notifications.notify(identity.accountNamesOf(q.departmentId()).keySet(), "政民互动答复被退回：" + q.number(), reason.strip(),
                "/admin/questions/" + id);
        audit.record("question.returned", "question", q.number(), reason.strip());
    }

    /** Takes a published answer off the public site (published in error); the asker still sees it when tracking. */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void unpublish(long id, long version) {
        QuestionView q = records.load(id);
        if (q.publishedAt() == null) {
            throw new RuleViolation(null, "question.error.notPublished");
        }
        records.update(id, version, "update question set published_at = null, may_publish = false, version = version + 1 where id = ? and version = ?",
                id, version);
        audit.record("question.unpublished", "question", q.number(), "");
        publicChanges.announce();
        itemPageChanged(q);
    }

    /** The item a question came from lists its published answer: its stored page is no longer what it shows. */
    private void itemPageChanged(QuestionView q) {
        if (q.relatedDocument() != null) {
            itemPages.pageChanged(q.relatedDocument());
        }
    }

    /**
     * The daily run: reminds the assigned department of questions due within {@value Questions#DUE_SOON_DAYS} working day or overdue,
     * in its inbox; once per question, kind and day.
     */
    @Transactional
    public int remind() {
        LocalDate today = LocalDate.now(clock);
        var rules = calendar.rules();
        int sent = 0;
        for (Long id : jdbc.queryForList("select id from question where state in ('ASSIGNED', 'RETURNED')", Long.class)) {
            QuestionView q = records.load(id, rules, today);
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
}
