package org.gongkai.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.gongkai.audit.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Applies a change to an account that an administrator made (directly, or approved by a second one): password reset, roles,
 * enabled, second factor reset; ends the account's sessions and tells the holder in their inbox. Package-private: only
 * {@link IdentityManagement} and {@link AccountChangeRequests} use it.
 */
@org.springframework.stereotype.Component
class AccountChanges {

    private final AuditTrail audit;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    AccountChanges(AuditTrail audit, Clock clock, JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.audit = audit;
        this.clock = clock;
        this.jdbc = jdbc;
        this.events = events;
    }

    void applyPasswordReset(StaffAccount account, String hash) {
        Instant now = Instant.now(clock);
        account.setPasswordByOther(hash, now);
        rememberPassword(account.getId(), hash, now);
        audit.record("account.passwordReset", "account", account.getId(), account.getUsername() + "（须在下次登录时修改）");
        endSessions(account);
        notifyAccount(account, "您的登录密码已被管理员重置", "请使用管理员告知的临时密码登录，登录时须设置新密码。");
    }

    void applyGrant(StaffAccount account, Set<Role> roles, Set<Long> coveredDepartments) {
        String before = names(account.getRoles()) + " 分管" + new TreeSet<>(account.getCoveredDepartmentIds());
        account.grant(roles, coveredDepartments);
        endSessions(account);
        audit.record("account.rolesGranted", "account", account.getId(),
                account.getUsername() + ": " + before + " → " + names(roles) + " 分管" + new TreeSet<>(coveredDepartments));
    }

    void applySecondFactorReset(StaffAccount account) {
        jdbc.update("delete from staff_second_factor where user_id = ?", account.getId());
        jdbc.update("delete from staff_recovery_code where user_id = ?", account.getId());
        audit.record("secondFactor.reset", "account", account.getId(), account.getUsername());
        endSessions(account);
        notifyAccount(account, "您的动态验证码已被重置", "下次登录时请重新绑定身份验证器。");
    }

    void applyEnabled(StaffAccount target, boolean enabled) {
        target.changeProfile(target.getDisplayName(), target.getDepartmentId(), enabled);
        audit.record("account.changed", "account", target.getId(), target.getUsername() + (enabled ? " 启用" : " 停用"));
        endSessions(target);
        notifyAccount(target, enabled ? "您的账号已被启用" : "您的账号已被停用", "");
    }

    void endSessions(StaffAccount account) {
        events.publishEvent(new IdentityManagement.SessionsToEnd(account.getUsername()));
    }

    void notifyAccount(StaffAccount account, String title, String body) {
        notifyIds(List.of(account.getId()), title, body, "/admin/inbox");
    }

    void notifyIds(List<Long> recipients, String title, String body, String link) {
        events.publishEvent(new AccountNotice(recipients, title, body, link));
    }

    void rememberPassword(long accountId, String hash, Instant now) {
        jdbc.update("insert into staff_password_history (user_id, password_hash, set_at) values (?, ?, ?)",
                accountId, hash, Timestamp.from(now));
        jdbc.update("""
                delete from staff_password_history where user_id = ? and id not in
                (select id from staff_password_history where user_id = ? order by set_at desc, id desc limit ?)""",
                accountId, accountId, IdentityManagement.PASSWORD_HISTORY);
    }

    private static String names(Set<Role> roles) {
        return IdentityManagement.names(roles);
    }
}
