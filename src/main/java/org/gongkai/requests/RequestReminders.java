package org.gongkai.requests;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.gongkai.audit.AuditTrail;
import org.gongkai.audit.SystemActor;
import org.gongkai.console.Notifications;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.StaffPrincipal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminders: the daily run that tells assigned departments of requests due soon or overdue (in the request inbox and the
 * console inbox) and closes requests whose correction period passed; and the request inbox the console shows.
 */
@Service
public class RequestReminders {

    private final JdbcTemplate jdbc;
    private final InformationRequests requests;
    private final RequestHandling handling;
    private final Notifications notifications;
    private final IdentityManagement identity;
    private final AuditTrail audit;
    private final Clock clock;

    RequestReminders(JdbcTemplate jdbc, InformationRequests requests, RequestHandling handling, Notifications notifications,
                     IdentityManagement identity, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.handling = handling;
        this.notifications = notifications;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
    }

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
        if (InformationRequests.seesAll(me)) {
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
        for (RequestView r : requests.views("r.state in ('RECEIVED', 'CORRECTION_REQUESTED', 'IN_PROGRESS', 'CONSULTING')",
                " order by r.id")) {
            long id = r.id();
            if (r.state() == RequestState.CORRECTION_REQUESTED) {
                if (today.isAfter(r.correctionDueOn())) {
                    handling.deemWithdrawn(r);
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
}
