package org.gongkai.inspection;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.gongkai.console.Notifications;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily cadence reminder: a column about to go stale (within the office's "remind days before") or already stale is
 * brought to its department's clerks (inbox, and e-mail where configured), or to the reviewers covering the department when
 * it has no clerk, once per column and stale date.
 */
@Service
public class ColumnReminders {

    private final SiteInspection inspection;
    private final IdentityManagement identity;
    private final Notifications notifications;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ColumnReminders(SiteInspection inspection, IdentityManagement identity, Notifications notifications, JdbcTemplate jdbc, Clock clock) {
        this.inspection = inspection;
        this.identity = identity;
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Sends today's reminders; returns how many columns were reminded of. */
    @Transactional
    public int remind() {
        LocalDate today = LocalDate.now(clock);
        int sent = 0;
        for (SiteInspection.ColumnState c : inspection.columns(today)) {
            if (!c.stale() && !c.dueSoon()) {
                continue;
            }
            int fresh = jdbc.update("insert into inspection_reminder (catalogue_code, stale_on, sent_on) values (?, ?, ?) on conflict do nothing",
                    c.column().code(), c.staleOn(), today);
            if (fresh == 0) {
                continue;
            }
            List<Long> recipients = c.departmentId() == null ? List.of() : identity.accountIdsWithRoleIn(Role.CLERK, c.departmentId());
            if (recipients.isEmpty() && c.departmentId() != null) {
                recipients = identity.accountIdsWithRoleCovering(Role.REVIEWER, c.departmentId());
            }
            String title = (c.stale() ? "栏目已超期未更新：" : "栏目即将超期未更新：") + c.column().name();
            String body = "最近更新 " + c.lastUpdate() + "，要求每 " + c.limitDays() + " 天内更新，" + c.staleOn() + " 起视为未更新（网站自查：栏目不更新）。";
            notifications.notify(recipients, title, body, "/admin/inspection/columns/" + c.column().id());
            sent++;
        }
        return sent;
    }
}
