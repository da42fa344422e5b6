package org.gongkai.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.internal.DepartmentRepository;
import org.gongkai.identity.internal.LoginThrottle;
import org.gongkai.identity.internal.StaffAccountRepository;
import org.gongkai.identity.internal.Totp;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.CreditCode;
import org.gongkai.support.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Departments and staff accounts: SYSADMIN keeps them, SECADMIN grants roles, unlocks and resets second factors, everyone
 * changes their own password. A change to an administrator's account (三员) needs a second administrator's approval.
 * Sign-in: lockout per submitted name, TOTP second factor, password history and expiry.
 */
@Service
public class IdentityManagement {

    /** Roles that must sign in with a second factor (等保 2.0 第三级: administrators, and those who approve publication). */
    public static final Set<Role> SECOND_FACTOR_ROLES =
            java.util.EnumSet.of(Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR, Role.APPROVER, Role.REVIEWER);

    private final DepartmentRepository departments;
    private final StaffAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final Totp totp;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final Duration passwordMaxAge;
    private final boolean clerksNeedSecondFactor;
    private final String issuer;

    IdentityManagement(DepartmentRepository departments, StaffAccountRepository accounts, PasswordEncoder passwordEncoder,
                       AuditTrail audit, Clock clock, LoginThrottle throttle, Totp totp, JdbcTemplate jdbc,
                       ApplicationEventPublisher events,
                       @Value("${gongkai.security.password-max-age:90d}") Duration passwordMaxAge,
                       @Value("${gongkai.security.second-factor-for-clerks:false}") boolean clerksNeedSecondFactor,
                       @Value("${gongkai.site-name}") String issuer) {
        this.departments = departments;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.clock = clock;
        this.throttle = throttle;
        this.totp = totp;
        this.jdbc = jdbc;
        this.events = events;
        this.passwordMaxAge = passwordMaxAge;
        this.clerksNeedSecondFactor = clerksNeedSecondFactor;
        this.issuer = issuer;
    }

    // ---- departments -------------------------------------------------------------------------------------------

    /** A department's public facts, for other features (e.g. the index number prefix, 发布机构). */
    public record DepartmentView(long id, String name, String shortName, String creditCode, boolean active) {
    }

    @Transactional(readOnly = true)
    public List<Department> departments() {
        return departments.findAllByOrderByIdAsc();
    }

    @Transactional(readOnly = true)
    public List<DepartmentView> departmentViews() {
        return departments.findAllByOrderByIdAsc().stream().map(IdentityManagement::view).toList();
    }

    @Transactional(readOnly = true)
    public Optional<DepartmentView> departmentView(long id) {
        return departments.findById(id).map(IdentityManagement::view);
    }

    /** Department names by id, in display order. */
    @Transactional(readOnly = true)
    public Map<Long, String> departmentNames() {
        return departments.findAllByOrderByIdAsc().stream()
                .collect(Collectors.toMap(Department::getId, Department::getName, (a, b) -> a, LinkedHashMap::new));
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SYSADMIN')")
    public Department department(long id) {
        return departments.findById(id).orElseThrow(NotFoundException::new);
    }

    public record DepartmentCommand(String name, String shortName, String creditCode, Long parentId, boolean active) {
    }

    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public Department createDepartment(DepartmentCommand command) {
        checkDepartment(command, -1L);
        Department created = departments.save(new Department(command.name().strip(), command.shortName().strip(),
                command.creditCode().strip(), command.parentId()));
        audit.record("department.created", "department", created.getId(), created.getName() + " " + created.getCreditCode());
        return created;
    }

    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public Department updateDepartment(long id, long version, DepartmentCommand command) {
        Department department = department(id);
        requireVersion(department.getVersion(), version, Department.class, id);
        checkDepartment(command, id);
        if (command.parentId() != null && isAncestorOrSelf(id, command.parentId())) {
            throw new RuleViolation("parentId", "department.error.parentCycle");
        }
        String before = department.getName() + " " + department.getCreditCode() + (department.isActive() ? "" : " 停用");
        department.change(command.name().strip(), command.shortName().strip(), command.creditCode().strip(),
                command.parentId(), command.active());
        audit.record("department.changed", "department", id,
                before + " → " + command.name().strip() + " " + command.creditCode().strip() + (command.active() ? "" : " 停用"));
        return department;
    }

    private boolean isAncestorOrSelf(long id, long candidateParent) {
        Long current = candidateParent;
        for (int depth = 0; current != null && depth < 50; depth++) {
            if (current == id) {
                return true;
            }
            current = departments.findById(current).map(Department::getParentId).orElse(null);
        }
        return false;
    }

    private void checkDepartment(DepartmentCommand command, long id) {
        if (!CreditCode.isValid(command.creditCode().strip())) {
            throw new RuleViolation("creditCode", "department.error.creditCode");
        }
        if (departments.existsByNameAndIdNot(command.name().strip(), id)) {
            throw new RuleViolation("name", "department.error.duplicateName");
        }
        if (command.parentId() != null && departments.findById(command.parentId()).isEmpty()) {
            throw new RuleViolation("parentId", "department.error.parent");
        }
    }

    private static DepartmentView view(Department d) {
        return new DepartmentView(d.getId(), d.getName(), d.getShortName(), d.getCreditCode(), d.isActive());
    }

    // ---- accounts ----------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SYSADMIN', 'SECADMIN')")
    public List<StaffAccount> accounts() {
        return accounts.findAllByOrderByDepartmentIdAscUsernameAsc();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('SYSADMIN', 'SECADMIN')")
    public StaffAccount account(long id) {
        return accounts.findById(id).orElseThrow(NotFoundException::new);
    }

    /** Display names of the accounts of a department, e.g. to assign a request to a clerk. */
    @Transactional(readOnly = true)
    public Map<Long, String> accountNamesOf(long departmentId) {
        return accounts.findByDepartmentIdOrderByUsernameAsc(departmentId).stream()
                .collect(Collectors.toMap(StaffAccount::getId, StaffAccount::getDisplayName, (a, b) -> a, LinkedHashMap::new));
    }

    /** Usernames of enabled accounts that hold a role, optionally only those in one department. */
    @Transactional(readOnly = true)
    public List<String> usernamesWithRole(Role role, Long departmentId) {
        return accounts.findAllByOrderByDepartmentIdAscUsernameAsc().stream()
                .filter(a -> a.isEnabled() && a.getRoles().contains(role))
                .filter(a -> departmentId == null || departmentId.equals(a.getDepartmentId()))
                .map(StaffAccount::getUsername).toList();
    }

    /** Ids of enabled accounts of a department that hold a role, e.g. the clerks to remind of a due item. */
    @Transactional(readOnly = true)
    public List<Long> accountIdsWithRoleIn(Role role, long departmentId) {
        return accounts.findAllByOrderByDepartmentIdAscUsernameAsc().stream()
                .filter(a -> a.isEnabled() && a.getRoles().contains(role) && a.getDepartmentId() != null && a.getDepartmentId() == departmentId)
                .map(StaffAccount::getId).toList();
    }

    /** Ids of enabled accounts holding a role and covering a department (covering none in particular means all). */
    @Transactional(readOnly = true)
    public List<Long> accountIdsWithRoleCovering(Role role, long departmentId) {
        return accounts.findAllByOrderByDepartmentIdAscUsernameAsc().stream()
                .filter(a -> a.isEnabled() && a.getRoles().contains(role))
                .filter(a -> a.getCoveredDepartmentIds().isEmpty() || a.getCoveredDepartmentIds().contains(departmentId))
                .map(StaffAccount::getId).toList();
    }

    public record NewAccountCommand(String username, String displayName, Long departmentId, String password) {
    }

    /** Whether a change was made, or filed as a request that waits for a second administrator (三员分立). */
    public enum ChangeOutcome { APPLIED, REQUESTED }

    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public StaffAccount createAccount(NewAccountCommand command) {
        String username = command.username().strip();
        if (!username.matches("[A-Za-z][A-Za-z0-9._-]{2,49}")) {
            throw new RuleViolation("username", "account.error.username");
        }
        if (accounts.findByUsername(username).isPresent()) {
            throw new RuleViolation("username", "account.error.duplicateUsername");
        }
        requireDepartment(command.departmentId());
        checkPassword(command.password(), username);
        Instant now = Instant.now(clock);
        String hash = passwordEncoder.encode(command.password());
        StaffAccount account = new StaffAccount(username, command.displayName().strip(), command.departmentId(), hash, now);
        account.setPasswordByOther(hash, now);
        StaffAccount created = accounts.save(account);
        rememberPassword(created.getId(), hash, now);
        audit.record("account.created", "account", created.getId(), username + " 科室#" + command.departmentId());
        return created;
    }

    public record AccountCommand(String displayName, Long departmentId, boolean enabled) {
    }

    /**
     * Name and department change at once; disabling or enabling an administrator's account is filed as a request for a
     * second administrator (the outcome says which).
     */
    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public ChangeOutcome updateAccount(long id, long version, AccountCommand command, long actingAccountId) {
        StaffAccount account = account(id);
        requireVersion(account.getVersion(), version, StaffAccount.class, id);
        requireDepartment(command.departmentId());
        boolean enabledChange = command.enabled() != account.isEnabled();
        if (enabledChange && id == actingAccountId) {
            throw new RuleViolation("enabled", "account.error.disableOwn");
        }
        boolean requested = enabledChange && account.isAdministrator();
        boolean enabled = requested ? account.isEnabled() : command.enabled();
        String before = account.getDisplayName() + " 科室#" + account.getDepartmentId() + (account.isEnabled() ? " 启用" : " 停用");
        account.changeProfile(command.displayName().strip(), command.departmentId(), enabled);
        audit.record("account.changed", "account", id, before + " → " + command.displayName().strip() + " 科室#"
                + command.departmentId() + (enabled ? " 启用" : " 停用"));
        if (requested) {
            fileRequest(account, ChangeAction.SET_ENABLED, null, command.enabled(), null, null, actingAccountId);
            return ChangeOutcome.REQUESTED;
        }
        if (enabledChange) {
            notifyAccount(account, enabled ? "您的账号已被启用" : "您的账号已被停用", "");
            endSessions(account);
        }
        return ChangeOutcome.APPLIED;
    }

    /**
     * Sets a password the holder must change at the next sign-in. An administrator's password (三员) is never reset by one
     * person: the system or security administrator files a request, and a third administrator approves it.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('SYSADMIN', 'SECADMIN')")
    public ChangeOutcome resetPassword(long id, String newPassword, long actingAccountId) {
        StaffAccount account = account(id);
        StaffAccount acting = account(actingAccountId);
        if (id == actingAccountId) {
            throw new RuleViolation("password", "account.error.resetOwn");
        }
        checkPassword(newPassword, account.getUsername());
        if (account.isAdministrator()) {
            fileRequest(account, ChangeAction.RESET_PASSWORD, passwordEncoder.encode(newPassword), null, null, null, actingAccountId);
            return ChangeOutcome.REQUESTED;
        }
        if (!acting.getRoles().contains(Role.SYSADMIN)) {
            // the security administrator only requests resets of administrators' passwords
            throw new org.springframework.security.access.AccessDeniedException("reset of a non-administrator by SECADMIN");
        }
        applyPasswordReset(account, passwordEncoder.encode(newPassword));
        return ChangeOutcome.APPLIED;
    }

    @Transactional
    @PreAuthorize("isAuthenticated()")
    public void changeOwnPassword(long accountId, String currentPassword, String newPassword) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(NotFoundException::new);
        if (!passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
            throw new RuleViolation("currentPassword", "password.error.current");
        }
        setOwnPassword(account, newPassword);
    }

    @Transactional
    @PreAuthorize("hasRole('SECADMIN')")
    public ChangeOutcome grantRoles(long id, long version, Set<Role> roles, Set<Long> coveredDepartments, long actingAccountId) {
        StaffAccount account = account(id);
        requireVersion(account.getVersion(), version, StaffAccount.class, id);
        if (id == actingAccountId) {
            throw new RuleViolation("roles", "roles.error.self");
        }
        RoleRules.violation(roles).ifPresent(key -> {
            throw new RuleViolation("roles", key);
        });
        for (Long department : coveredDepartments) {
            requireDepartment(department);
        }
        if (account.isAdministrator() || roles.stream().anyMatch(Role.SEPARATED::contains)) {
            fileRequest(account, ChangeAction.GRANT_ROLES, null, null, names(roles),
                    coveredDepartments.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")), actingAccountId);
            return ChangeOutcome.REQUESTED;
        }
        applyGrant(account, roles, coveredDepartments);
        return ChangeOutcome.APPLIED;
    }

    @Transactional
    @PreAuthorize("hasRole('SECADMIN')")
    public void unlock(long id) {
        StaffAccount account = account(id);
        throttle.clear(account.getUsername());
        audit.record("account.unlocked", "account", id, account.getUsername());
    }

    /** The end of the lock on an account after repeated failed sign-ins, if it is locked now. */
    @Transactional(readOnly = true)
    public Optional<Instant> lockedUntil(StaffAccount account) {
        return throttle.lockedUntil(account.getUsername(), Instant.now(clock));
    }

    /** Usernames of the accounts locked now, for the account list. */
    @Transactional(readOnly = true)
    public Set<String> lockedUsernames() {
        Instant now = Instant.now(clock);
        return accounts.findAllByOrderByDepartmentIdAscUsernameAsc().stream()
                .map(StaffAccount::getUsername).filter(u -> throttle.lockedUntil(u, now).isPresent()).collect(Collectors.toSet());
    }

    // ---- second factor (TOTP) ----------------------------------------------------------------------------------

    /** Whether the account has a confirmed second factor. */
    @Transactional(readOnly = true)
    public boolean hasSecondFactor(long accountId) {
        return secondFactorSecret(accountId, true).isPresent();
    }

    /** Whether the policy demands a second factor of an account with these roles (clerks only when configured). */
    public boolean secondFactorRequired(Set<Role> roles) {
        return roles.stream().anyMatch(SECOND_FACTOR_ROLES::contains) || (clerksNeedSecondFactor && roles.contains(Role.CLERK));
    }

    /** What an authenticator app needs: the secret (for typing in) and the otpauth URI drawn as a QR code (SVG). */
    public record Enrolment(String secret, String otpauthUri, String qrSvg) {
        @Override
        public String toString() {
            return "Enrolment[…]";   // the secret never reaches a log
        }
    }

    /** Starts (or shows again) an enrolment that is not confirmed yet; a confirmed second factor is never shown again. */
    @Transactional
    public Enrolment beginEnrolment(long accountId) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(NotFoundException::new);
        if (hasSecondFactor(accountId)) {
            throw new RuleViolation("code", "totp.error.alreadyEnrolled");
        }
        String secret = secondFactorSecret(accountId, false).orElseGet(() -> {
            String fresh = totp.newSecret();
            jdbc.update("""
                    insert into staff_second_factor (user_id, secret) values (?, ?)
                    on conflict (user_id) do update set secret = excluded.secret, confirmed_at = null, last_used_step = 0""",
                    accountId, fresh);
            return fresh;
        });
        String uri = totp.otpauthUri(secret, account.getUsername(), issuer);
        return new Enrolment(secret, uri, totp.qrSvg(uri));
    }

    /** Confirms an enrolment with a first code; returns the recovery codes, shown to the holder this once. */
    @Transactional
    public List<String> confirmEnrolment(long accountId, String code) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(NotFoundException::new);
        String secret = secondFactorSecret(accountId, false).orElseThrow(() -> new RuleViolation("code", "totp.error.code"));
        OptionalLong step = totp.matchingStep(secret, code, 0);
        if (step.isEmpty()) {
            throw new RuleViolation("code", "totp.error.code");
        }
        jdbc.update("update staff_second_factor set confirmed_at = ?, last_used_step = ? where user_id = ?",
                Timestamp.from(Instant.now(clock)), step.getAsLong(), accountId);
        List<String> codes = totp.newRecoveryCodes();
        jdbc.update("delete from staff_recovery_code where user_id = ?", accountId);
        for (String c : codes) {
            jdbc.update("insert into staff_recovery_code (user_id, code_hash) values (?, ?)", accountId, Totp.hashRecoveryCode(c));
        }
        audit.recordAs(account.getUsername(), names(account.getRoles()), "secondFactor.enrolled", "account", accountId,
                "TOTP，恢复码" + codes.size() + "个");
        return codes;
    }

    /** The outcome of a second-factor code at sign-in. */
    public enum SecondFactorCheck { ACCEPTED, REFUSED, LOCKED }

    /**
     * Checks a TOTP code (each accepted once) or an unused recovery code at sign-in. A wrong code counts towards the lock
     * like a wrong password.
     */
    @Transactional
    public SecondFactorCheck checkSecondFactor(long accountId, String code) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(NotFoundException::new);
        Instant now = Instant.now(clock);
        if (throttle.lockedUntil(account.getUsername(), now).isPresent()) {
            return SecondFactorCheck.LOCKED;
        }
        var row = jdbc.query("select secret, last_used_step from staff_second_factor where user_id = ? and confirmed_at is not null for update",
                (rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)}, accountId);
        if (!row.isEmpty()) {
            OptionalLong step = totp.matchingStep((String) row.get(0)[0], code, (Long) row.get(0)[1]);
            if (step.isPresent()) {
                jdbc.update("update staff_second_factor set last_used_step = ? where user_id = ?", step.getAsLong(), accountId);
                return SecondFactorCheck.ACCEPTED;
            }
            if (code != null && jdbc.update("update staff_recovery_code set used_at = ? where user_id = ? and code_hash = ? and used_at is null",
                    Timestamp.from(now), accountId, Totp.hashRecoveryCode(code)) == 1) {
                audit.recordAs(account.getUsername(), names(account.getRoles()), "secondFactor.recoveryCodeUsed", "account", accountId,
                        "剩余" + jdbc.queryForObject("select count(*) from staff_recovery_code where user_id = ? and used_at is null",
                                Integer.class, accountId) + "个");
                return SecondFactorCheck.ACCEPTED;
            }
        }
        audit.recordAs(account.getUsername(), names(account.getRoles()), "login.failed", "account", accountId, "动态验证码错误");
        Optional<Instant> lockedNow = throttle.recordFailure(account.getUsername(), now);
        if (lockedNow.isPresent()) {
            audit.recordAs(account.getUsername(), names(account.getRoles()), "account.locked", "account", accountId,
                    "连续" + LoginThrottle.MAX_FAILURES + "次登录失败，锁定至 " + lockedNow.get());
            return SecondFactorCheck.LOCKED;
        }
        return SecondFactorCheck.REFUSED;
    }

    /**
     * Removes another account's second factor (lost phone); the holder enrols again at the next sign-in. Never one's own;
     * an administrator's only with a second administrator's approval.
     */
    @Transactional
    @PreAuthorize("hasRole('SECADMIN')")
    public ChangeOutcome resetSecondFactor(long id, long actingAccountId) {
        StaffAccount account = account(id);
        if (id == actingAccountId) {
            throw new RuleViolation("secondFactor", "totp.error.resetOwn");
        }
        if (account.isAdministrator()) {
            fileRequest(account, ChangeAction.RESET_SECOND_FACTOR, null, null, null, null, actingAccountId);
            return ChangeOutcome.REQUESTED;
        }
        applySecondFactorReset(account);
        return ChangeOutcome.APPLIED;
    }

    private Optional<String> secondFactorSecret(long accountId, boolean confirmed) {
        return jdbc.queryForList("select secret from staff_second_factor where user_id = ? and (confirmed_at is not null) = ?",
                String.class, accountId, confirmed).stream().findFirst();
    }

    // ---- changes to administrators' accounts: two administrators -----------------------------------------------

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
            case RESET_PASSWORD -> applyPasswordReset(target, (String) request.get("password_hash"));
            case SET_ENABLED -> {
                boolean enabled = (Boolean) request.get("enabled");
                target.changeProfile(target.getDisplayName(), target.getDepartmentId(), enabled);
                audit.record("account.changed", "account", targetId, target.getUsername() + (enabled ? " 启用" : " 停用"));
                endSessions(target);
                notifyAccount(target, enabled ? "您的账号已被启用" : "您的账号已被停用", "");
            }
            case GRANT_ROLES -> {
                Set<Role> roles = parseRoles((String) request.get("roles"));
                RoleRules.violation(roles).ifPresent(key -> {
                    throw new RuleViolation("request", key);
                });
                String covered = (String) request.get("covered_departments");
                Set<Long> departmentIds = covered == null || covered.isEmpty() ? Set.of()
                        : java.util.Arrays.stream(covered.split(",")).map(Long::valueOf).collect(Collectors.toSet());
                applyGrant(target, roles, departmentIds);
            }
            case RESET_SECOND_FACTOR -> applySecondFactorReset(target);
        }
        jdbc.update("update account_change_request set state = 'APPROVED', decided_by = ?, decided_at = ?, version = version + 1 where id = ?",
                actingAccountId, Timestamp.from(Instant.now(clock)), requestId);
        audit.record("account.changeApproved", "account", targetId,
                target.getUsername() + " " + action + " 申请#" + requestId + " 申请人#" + requestedBy);
        notifyIds(List.of(requestedBy), "您提交的账号变更申请已批准：" + target.getUsername(), "", "/admin/account-requests");
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
        notifyIds(List.of((Long) request.get("requested_by")), "您提交的账号变更申请未获批准：" + target.getUsername(), "",
                "/admin/account-requests");
    }

    private Map<String, Object> lockPendingRequest(long requestId) {
        var rows = jdbc.queryForList("select * from account_change_request where id = ? and state = 'PENDING' for update", requestId);
        if (rows.isEmpty()) {
            throw new NotFoundException();
        }
        return rows.get(0);
    }

    private void fileRequest(StaffAccount target, ChangeAction action, String passwordHash, Boolean enabled, String roles,
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
        notifyAccount(target, "有管理员申请变更您的账号：" + what, "该申请须由另一名管理员批准后生效；如非您所知，请立即联系安全管理员。");
        List<Long> approvers = accounts.findAllByOrderByDepartmentIdAscUsernameAsc().stream()
                .filter(a -> a.isEnabled() && a.isAdministrator() && a.getId() != actingAccountId && !a.getId().equals(target.getId()))
                .map(StaffAccount::getId).toList();
        notifyIds(approvers, "待批准：" + target.getUsername() + " " + what, "", "/admin/account-requests");
    }

    private static String describe(ChangeAction action, Boolean enabled, String roles) {
        return switch (action) {
            case RESET_PASSWORD -> "重置密码";
            case SET_ENABLED -> Boolean.TRUE.equals(enabled) ? "启用账号" : "停用账号";
            case GRANT_ROLES -> "变更角色为 " + (roles == null || roles.isEmpty() ? "（无）" : roles);
            case RESET_SECOND_FACTOR -> "重置动态验证码";
        };
    }

    private void applyPasswordReset(StaffAccount account, String hash) {
        Instant now = Instant.now(clock);
        account.setPasswordByOther(hash, now);
        rememberPassword(account.getId(), hash, now);
        audit.record("account.passwordReset", "account", account.getId(), account.getUsername() + "（须在下次登录时修改）");
        endSessions(account);
        notifyAccount(account, "您的登录密码已被管理员重置", "请使用管理员告知的临时密码登录，登录时须设置新密码。");
    }

    private void applyGrant(StaffAccount account, Set<Role> roles, Set<Long> coveredDepartments) {
        String before = names(account.getRoles()) + " 分管" + new TreeSet<>(account.getCoveredDepartmentIds());
        account.grant(roles, coveredDepartments);
        endSessions(account);
        audit.record("account.rolesGranted", "account", account.getId(),
                account.getUsername() + ": " + before + " → " + names(roles) + " 分管" + new TreeSet<>(coveredDepartments));
    }

    private void applySecondFactorReset(StaffAccount account) {
        jdbc.update("delete from staff_second_factor where user_id = ?", account.getId());
        jdbc.update("delete from staff_recovery_code where user_id = ?", account.getId());
        audit.record("secondFactor.reset", "account", account.getId(), account.getUsername());
        endSessions(account);
        notifyAccount(account, "您的动态验证码已被重置", "下次登录时请重新绑定身份验证器。");
    }

    /** Published when an administrator changed an account's password, state, roles or second factor: its sessions end. */
    public record SessionsToEnd(String username) {
    }

    private void endSessions(StaffAccount account) {
        events.publishEvent(new SessionsToEnd(account.getUsername()));
    }

    private void notifyAccount(StaffAccount account, String title, String body) {
        notifyIds(List.of(account.getId()), title, body, "/admin/inbox");
    }

    private void notifyIds(List<Long> recipients, String title, String body, String link) {
        events.publishEvent(new AccountNotice(recipients, title, body, link));
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

    /**
     * The documented break-glass procedure (docs/identity-security.md), run on the server by whoever operates it: sets a
     * password that must be changed at the next sign-in, removes the second factor and the lock, audits it under the actor
     * {@code break-glass} and tells every administrator. Returns false when that password is already set (nothing to do).
     */
    @Transactional
    public boolean breakGlassReset(String username, String newPassword) {
        StaffAccount account = accounts.findByUsername(username.strip())
                .orElseThrow(() -> new IllegalStateException("break-glass: no account " + username));
        if (passwordEncoder.matches(newPassword, account.getPasswordHash())) {
            return false;
        }
        List<String> problems = PasswordPolicy.violations(newPassword, account.getUsername());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("break-glass: the password breaks the policy (" + problems + ")");
        }
        Instant now = Instant.now(clock);
        String hash = passwordEncoder.encode(newPassword);
        account.setPasswordByOther(hash, now);
        rememberPassword(account.getId(), hash, now);
        jdbc.update("delete from staff_second_factor where user_id = ?", account.getId());
        jdbc.update("delete from staff_recovery_code where user_id = ?", account.getId());
        throttle.clear(account.getUsername());
        endSessions(account);
        audit.recordAs("break-glass", "", "account.breakGlassReset", "account", account.getId(),
                account.getUsername() + "：服务器上的应急程序重置了密码和动态验证码（须在下次登录时修改密码、重新绑定）");
        List<Long> administrators = accounts.findAllByOrderByDepartmentIdAscUsernameAsc().stream()
                .filter(a -> a.isEnabled() && a.isAdministrator()).map(StaffAccount::getId).toList();
        notifyIds(administrators, "应急重置：账号 " + account.getUsername() + " 的密码和动态验证码已在服务器上重置",
                "如非计划内操作，请立即核查审计日志。", "/admin/inbox");
        return true;
    }

    // ---- passwords -----------------------------------------------------------------------------------------------

    /** How many of an account's latest passwords may not be chosen again. */
    public static final int PASSWORD_HISTORY = 5;

    private void setOwnPassword(StaffAccount account, String newPassword) {
        checkPassword(newPassword, account.getUsername(), "newPassword");
        if (passwordEncoder.matches(newPassword, account.getPasswordHash())) {
            throw new RuleViolation("newPassword", "password.error.same");
        }
        List<String> recent = jdbc.queryForList("""
                select password_hash from staff_password_history where user_id = ? order by set_at desc, id desc limit ?""",
                String.class, account.getId(), PASSWORD_HISTORY);
        if (recent.stream().anyMatch(hash -> passwordEncoder.matches(newPassword, hash))) {
            throw new RuleViolation("newPassword", "password.error.recent");
        }
        Instant now = Instant.now(clock);
        String hash = passwordEncoder.encode(newPassword);
        account.changePassword(hash, now);
        rememberPassword(account.getId(), hash, now);
        audit.recordAs(account.getUsername(), names(account.getRoles()), "account.passwordChanged", "account", account.getId(),
                account.getUsername());
    }

    private void rememberPassword(long accountId, String hash, Instant now) {
        jdbc.update("insert into staff_password_history (user_id, password_hash, set_at) values (?, ?, ?)",
                accountId, hash, Timestamp.from(now));
        jdbc.update("""
                delete from staff_password_history where user_id = ? and id not in
                (select id from staff_password_history where user_id = ? order by set_at desc, id desc limit ?)""",
                accountId, accountId, PASSWORD_HISTORY);
    }

    // ---- sign-in -----------------------------------------------------------------------------------------------

    /** What a failed sign-in did to the name: counted, or locked it now. Unknown names are counted exactly like accounts. */
    public enum FailedLogin { COUNTED, LOCKED_NOW }

    @Transactional
    public FailedLogin recordFailedLogin(String username) {
        Instant now = Instant.now(clock);
        Optional<StaffAccount> found = username == null ? Optional.empty() : accounts.findByUsername(username.strip());
        Optional<Instant> lockedNow = throttle.recordFailure(username, now);
        if (found.isEmpty()) {
            // the attempted name is not stored: people sometimes type their password into the username field
            audit.recordAs("anonymous", "", "login.failed", "account", "", "未知用户名");
            return lockedNow.isPresent() ? FailedLogin.LOCKED_NOW : FailedLogin.COUNTED;
        }
        StaffAccount account = found.get();
        audit.recordAs(account.getUsername(), names(account.getRoles()), "login.failed", "account", account.getId(), "密码错误");
        if (lockedNow.isPresent()) {
            audit.recordAs(account.getUsername(), names(account.getRoles()), "account.locked", "account", account.getId(),
                    "连续" + LoginThrottle.MAX_FAILURES + "次登录失败，锁定至 " + lockedNow.get());
            return FailedLogin.LOCKED_NOW;
        }
        return FailedLogin.COUNTED;
    }

    @Transactional
    public void recordRefusedLogin(String username, String reason) {
        Optional<StaffAccount> found = username == null ? Optional.empty() : accounts.findByUsername(username.strip());
        found.ifPresent(a -> audit.recordAs(a.getUsername(), names(a.getRoles()), "login.refused", "account", a.getId(), reason));
        if (found.isEmpty()) {
            audit.recordAs("anonymous", "", "login.refused", "account", "", reason);
        }
    }

    /** Whether sign-ins under this name are refused now after repeated failures, whether or not an account has the name. */
    @Transactional(readOnly = true)
    public boolean isNameLocked(String username) {
        return throttle.lockedUntil(username, Instant.now(clock)).isPresent();
    }

    /** Failures counted under this name towards the next lock. */
    @Transactional(readOnly = true)
    public int failedSignIns(String username) {
        return throttle.failures(username);
    }

    /** A complete sign-in (password and, where needed, second factor and password change): the failure count starts over. */
    @Transactional
    public void recordSuccessfulLogin(long accountId, String how) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(NotFoundException::new);
        account.recordSuccessfulLogin(Instant.now(clock));
        throttle.clear(account.getUsername());
        audit.recordAs(account.getUsername(), names(account.getRoles()), "login.succeeded", "account", accountId, how);
    }

    /** The next step of a sign-in whose password was right, in this order: second factor, then a new password. */
    public enum SignInStep { SECOND_FACTOR, ENROL_SECOND_FACTOR, CHANGE_PASSWORD, DONE, REFUSED_DISABLED, REFUSED_LOCKED }

    @Transactional(readOnly = true)
    public SignInStep nextSignInStep(long accountId, boolean secondFactorDone) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(NotFoundException::new);
        // disabled or locked (e.g. by attempts elsewhere) while the steps were under way
        if (!account.isEnabled()) {
            return SignInStep.REFUSED_DISABLED;
        }
        if (throttle.lockedUntil(account.getUsername(), Instant.now(clock)).isPresent()) {
            return SignInStep.REFUSED_LOCKED;
        }
        if (!secondFactorDone) {
            if (hasSecondFactor(accountId)) {
                return SignInStep.SECOND_FACTOR;
            }
            if (secondFactorRequired(account.getRoles())) {
                return SignInStep.ENROL_SECOND_FACTOR;
            }
        }
        if (account.isPasswordMustChange() || account.isPasswordExpiredAt(Instant.now(clock), passwordMaxAge)) {
            return SignInStep.CHANGE_PASSWORD;
        }
        return SignInStep.DONE;
    }

    /** Why the password must be changed before the console opens: set by someone else, or older than the policy allows. */
    @Transactional(readOnly = true)
    public boolean passwordSetByOther(long accountId) {
        return accounts.findById(accountId).orElseThrow(NotFoundException::new).isPasswordMustChange();
    }

    /** The new password chosen during sign-in (the password was proven a moment ago on the login page). */
    @Transactional
    public void changePasswordAtSignIn(long accountId, String newPassword) {
        setOwnPassword(accounts.findById(accountId).orElseThrow(NotFoundException::new), newPassword);
    }

    @Transactional(readOnly = true)
    public Optional<StaffPrincipal> principal(String username) {
        return accounts.findByUsername(username.strip()).map(this::principalOf);
    }

    @Transactional(readOnly = true)
    public StaffPrincipal principal(long accountId) {
        return principalOf(accounts.findById(accountId).orElseThrow(NotFoundException::new));
    }

    private StaffPrincipal principalOf(StaffAccount a) {
        return new StaffPrincipal(a.getId(), a.getUsername(), a.getDisplayName(), a.getDepartmentId(),
                departments.findById(a.getDepartmentId()).map(Department::getName).orElse(""),
                a.getRoles(), a.getCoveredDepartmentIds(), a.isEnabled(),
                throttle.lockedUntil(a.getUsername(), Instant.now(clock)).isEmpty(), a.getPasswordHash());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void checkPassword(String password, String username) {
        checkPassword(password, username, "password");
    }

    private void checkPassword(String password, String username, String field) {
        List<String> problems = PasswordPolicy.violations(password, username);
        if (!problems.isEmpty()) {
            throw new RuleViolation(field, problems.get(0));
        }
    }

    private void requireDepartment(Long departmentId) {
        if (departmentId == null || departments.findById(departmentId).isEmpty()) {
            throw new RuleViolation("departmentId", "account.error.department");
        }
    }

    private static void requireVersion(long actual, long expected, Class<?> type, long id) {
        if (actual != expected) {
            throw new ObjectOptimisticLockingFailureException(type, id);
        }
    }

    private static String names(Set<Role> roles) {
        return roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }
}
