package org.gongkai.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.internal.StaffAccountRepository;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.RuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to administrators' accounts (三员) need a second administrator: the request is filed by {@link IdentityManagement},
 * listed here for the other administrators, and applied ({@link AccountChanges}) or refused by one of them.
 */
@Service
public class AccountChangeRequests {

    private final StaffAccountRepository accounts;
    private final AccountChanges changes;
    private final AuditTrail audit;
    private final Clock clock;
    private final JdbcTemplate jdbc;

    AccountChangeRequests(StaffAccountRepository accounts, AccountChanges changes, AuditTrail audit, Clock clock, JdbcTemplate jdbc) {
        this.accounts = accounts;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** The kinds of change to an administrator's account that need a second administrator. */
    public enum ChangeAction { RESET_PASSWORD, SET_ENABLED, GRANT_ROLES, RESET_SECOND_FACTOR }

    /** A request as the approval page shows it (never the requested password). */
    public record ChangeRequestView(long id, String targetUsername, String targetName, ChangeAction action, String detail,
                                    String requestedBy, Instant requestedAt, long requestedById, long targetId) {
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SYSADMIN', 'SECADMIN', 'AUDITOR')")
    public List<ChangeRequestView> pendingChangeRequests() {
        return jdbc.query("""
                select r.id, r.target_id, r.action, r.enabled, r.roles, r.requested_by, r.requested_at
                from account_change_request r where r.state = 'PENDING' order by r.requested_at, r.id""",
                (rs, n) -> {
                    StaffAccount target = account(rs.getLong(2));
                    StaffAccount by = account(rs.getLong(6));
                    ChangeAction action = ChangeAction.valueOf(rs.getString(3));
                    String detail = switch (action) {
                        case SET_ENABLED -> rs.getBoolean(4) ? "启用" : "停用";
                        case GRANT_ROLES -> rs.getString(5).isEmpty() ? "（无角色）" : rs.getString(5);
                        default -> "";
                    };
                    return new ChangeRequestView(rs.getLong(1), target.getUsername(), target.getDisplayName(), action, detail,
                            by.getUsername(), rs.getTimestamp(7).toInstant(), by.getId(), target.getId());
                });
    }

    /** Applies a pending request; the approver must be an administrator other than the requester and the target. */
    @Transactional
    @PreAuthorize("hasAnyRole('SYSADMIN', 'SECADMIN', 'AUDITOR')")
    public void approveChangeRequest(long requestId, long actingAccountId) {
        var request = lockPendingRequest(requestId);
        long targetId = (Long) request.get("target_id");
        long requestedBy = (Long) request.get("requested_by");
        if (actingAccountId == requestedBy || actingAccountId == targetId) {
            throw new RuleViolation("request", "accountRequest.error.secondAdministrator");
        }
        StaffAccount target = account(targetId);
        ChangeAction action = ChangeAction.valueOf((String) request.get("action"));
        switch (action) {
            case RESET_PASSWORD -> changes.applyPasswordReset(target, (String) request.get("password_hash"));
            case SET_ENABLED -> {
                changes.applyEnabled(target, (Boolean) request.get("enabled"));
            }
            case GRANT_ROLES -> {
                Set<Role> roles = parseRoles((String) request.get("roles"));
                RoleRules.violation(roles).ifPresent(key -> {
                    throw new RuleViolation("request", key);
                });
                String covered = (String) request.get("covered_departments");
                Set<Long> departmentIds = covered == null || covered.isEmpty() ? Set.of()
                        : java.util.Arrays.stream(covered.split(",")).map(Long::valueOf).collect(Collectors.toSet());
                changes.applyGrant(target, roles, departmentIds);
            }
            case RESET_SECOND_FACTOR -> changes.applySecondFactorReset(target);
        }
        jdbc.update("update account_change_request set state = 'APPROVED', decided_by = ?, decided_at = ?, version = version + 1 where id = ?",
                actingAccountId, Timestamp.from(Instant.now(clock)), requestId);
        audit.record("account.changeApproved", "account", targetId,
                target.getUsername() + " " + action + " 申请#" + requestId + " 申请人#" + requestedBy);
        changes.notifyIds(List.of(requestedBy), "您提交的账号变更申请已批准：" + target.getUsername(), "", "/admin/account-requests");
    }

    /** Refuses a pending request (any administrator but the target; the requester may withdraw their own). */
    @Transactional
    @PreAuthorize("hasAnyRole('SYSADMIN', 'SECADMIN', 'AUDITOR')")
    public void rejectChangeRequest(long requestId, long actingAccountId) {
        var request = lockPendingRequest(requestId);
        long targetId = (Long) request.get("target_id");
        if (actingAccountId == targetId) {
            throw new RuleViolation("request", "accountRequest.error.ownAccount");
        }
        jdbc.update("update account_change_request set state = 'REJECTED', decided_by = ?, decided_at = ?, version = version + 1 where id = ?",
                actingAccountId, Timestamp.from(Instant.now(clock)), requestId);
        StaffAccount target = account(targetId);
        audit.record("account.changeRejected", "account", targetId,
                target.getUsername() + " " + request.get("action") + " 申请#" + requestId);
        changes.notifyIds(List.of((Long) request.get("requested_by")), "您提交的账号变更申请未获批准：" + target.getUsername(), "",
                "/admin/account-requests");
    }

    private Map<String, Object> lockPendingRequest(long requestId) {
        var rows = jdbc.queryForList("select * from account_change_request where id = ? and state = 'PENDING' for update", requestId);
        if (rows.isEmpty()) {
            throw new NotFoundException();
        }
        return rows.get(0);
    }

    void fileRequest(StaffAccount target, ChangeAction action, String passwordHash, Boolean enabled, String roles,
                             String covered, long actingAccountId) {
        if (!jdbc.queryForList("select id from account_change_request where target_id = ? and action = ? and state = 'PENDING'",
                Long.class, target.getId(), action.name()).isEmpty()) {
            throw new RuleViolation(action == ChangeAction.RESET_PASSWORD ? "password" : action == ChangeAction.GRANT_ROLES ? "roles"
                    : action == ChangeAction.SET_ENABLED ? "enabled" : "secondFactor", "accountRequest.error.pending");
        }
        Long id = jdbc.queryForObject("""
                insert into account_change_request (target_id, action, password_hash, enabled, roles, covered_departments,
                                                    requested_by, requested_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, target.getId(), action.name(), passwordHash, enabled,
                roles, covered, actingAccountId, Timestamp.from(Instant.now(clock)));
        String what = describe(action, enabled, roles);
        audit.record("account.changeRequested", "account", target.getId(), target.getUsername() + " " + what + " 申请#" + id);
        changes.notifyAccount(target, "有管理员申请变更您的账号：" + what, "该申请须由另一名管理员批准后生效；如非您所知，请立即联系安全管理员。");
        List<Long> approvers = accounts.findAllByOrderByDepartmentIdAscUsernameAsc().stream()
                .filter(a -> a.isEnabled() && a.isAdministrator() && a.getId() != actingAccountId && !a.getId().equals(target.getId()))
                .map(StaffAccount::getId).toList();
        changes.notifyIds(approvers, "待批准：" + target.getUsername() + " " + what, "", "/admin/account-requests");
    }

    private static String describe(ChangeAction action, Boolean enabled, String roles) {
        return switch (action) {
            case RESET_PASSWORD -> "重置密码";
            case SET_ENABLED -> Boolean.TRUE.equals(enabled) ? "启用账号" : "停用账号";
            case GRANT_ROLES -> "变更角色为 " + (roles == null || roles.isEmpty() ? "（无）" : roles);
            case RESET_SECOND_FACTOR -> "重置动态验证码";
        };
    }

    private static Set<Role> parseRoles(String roles) {
        Set<Role> set = java.util.EnumSet.noneOf(Role.class);
        if (roles != null && !roles.isBlank()) {
            for (String r : roles.split(",")) {
                set.add(Role.valueOf(r.strip()));
            }
        }
        return set;
    }

    private StaffAccount account(long id) {
        return accounts.findById(id).orElseThrow(NotFoundException::new);
    }

    private static String names(Set<Role> roles) {
        return IdentityManagement.names(roles);
    }
}
