package org.gongkai.reporting;

import java.time.Clock;
import java.time.LocalDate;

import org.gongkai.console.Notifications;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tells the responsible department's clerks of periodic items that are due soon or missing, once per period and status. */
@Service
public class ComplianceReminders {

    private final Obligations obligations;
    private final IdentityManagement identity;
    private final Notifications notifications;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ComplianceReminders(Obligations obligations, IdentityManagement identity, Notifications notifications, JdbcTemplate jdbc, Clock clock) {
        this.obligations = obligations;
        this.identity = identity;
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sends today's reminders; returns how many obligations were reminded of. */
    @Transactional
    public int remind() {
        LocalDate today = LocalDate.now(clock);
        int sent = 0;
        for (Obligations.Obligation o : obligations.needingAttention(today)) {
            int fresh = jdbc.update("""
                    insert into compliance_reminder (matter_id, period, status, sent_on) values (?, ?, ?, ?)
                    on conflict do nothing""", o.matterId(), o.period(), o.status().name(), today);
            if (fresh == 0) {
                continue;
            }
            String title = (o.status() == Obligations.Status.MISSING ? "逾期未公开：" : "即将到期：") + o.matter() + "（" + o.period() + "）";
            notifications.notify(identity.accountIdsWithRoleIn(Role.CLERK, o.departmentId()), title,
                    "截止日期 " + o.due() + "。请按公开事项标准目录的时限发布。", "/admin/documents/new");
            sent++;
        }
        return sent;
    }
}
