package org.gongkai.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.internal.DepartmentRepository;
import org.gongkai.identity.internal.LoginThrottle;
import org.gongkai.identity.internal.StaffAccountRepository;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.RuleViolation;
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
 * Password history. Sign-in steps are {@link SignIns}', the second factor {@link SecondFactors}'.
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
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final AccountChanges changes;
    private final AccountChangeRequests changeRequests;

    IdentityManagement(DepartmentRepository departments, StaffAccountRepository accounts, PasswordEncoder passwordEncoder,
                       AuditTrail audit, Clock clock, LoginThrottle throttle, JdbcTemplate jdbc,
                       ApplicationEventPublisher events, AccountChanges changes, AccountChangeRequests changeRequests) {
        this.changes = changes;
        this.changeRequests = changeRequests;
        this.departments = departments;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.clock = clock;
        this.throttle = throttle;
        this.jdbc = jdbc;
        this.events = events;
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
        changes.rememberPassword(created.getId(), hash, now);
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
            changeRequests.fileRequest(account, AccountChangeRequests.ChangeAction.SET_ENABLED, null, command.enabled(), null, null, actingAccountId);
            return ChangeOutcome.REQUESTED;
        }
        if (enabledChange) {
            changes.notifyAccount(account, enabled ? "您的账号已被启用" : "您的账号已被停用", "");
            changes.endSessions(account);
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
            changeRequests.fileRequest(account, AccountChangeRequests.ChangeAction.RESET_PASSWORD, passwordEncoder.encode(newPassword), null, null, null, actingAccountId);
            return ChangeOutcome.REQUESTED;
        }
        if (!acting.getRoles().contains(Role.SYSADMIN)) {
            // the security administrator only requests resets of administrators' passwords
            throw new org.springframework.security.access.AccessDeniedException("reset of a non-administrator by SECADMIN");
        }
        changes.applyPasswordReset(account, passwordEncoder.encode(newPassword));
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
            changeRequests.fileRequest(account, AccountChangeRequests.ChangeAction.GRANT_ROLES, null, null, names(roles),
                    coveredDepartments.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")), actingAccountId);
            return ChangeOutcome.REQUESTED;
        }
        changes.applyGrant(account, roles, coveredDepartments);
        return ChangeOutcome.APPLIED;
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
            changeRequests.fileRequest(account, AccountChangeRequests.ChangeAction.RESET_SECOND_FACTOR, null, null, null, null, actingAccountId);
            return ChangeOutcome.REQUESTED;
        }
        changes.applySecondFactorReset(account);
        return ChangeOutcome.APPLIED;
    }

    /** Published when an administrator changed an account's password, state, roles or second factor: its sessions end. */
    public record SessionsToEnd(String username) {
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
        changes.rememberPassword(account.getId(), hash, now);
        jdbc.update("delete from staff_second_factor where user_id = ?", account.getId());
        jdbc.update("delete from staff_recovery_code where user_id = ?", account.getId());
        throttle.clear(account.getUsername());
        changes.endSessions(account);
        audit.recordAs("break-glass", "", "account.breakGlassReset", "account", account.getId(),
                account.getUsername() + "：服务器上的应急程序重置了密码和动态验证码（须在下次登录时修改密码、重新绑定）");
        List<Long> administrators = accounts.findAllByOrderByDepartmentIdAscUsernameAsc().stream()
                .filter(a -> a.isEnabled() && a.isAdministrator()).map(StaffAccount::getId).toList();
        changes.notifyIds(administrators, "应急重置：账号 " + account.getUsername() + " 的密码和动态验证码已在服务器上重置",
                "如非计划内操作，请立即核查审计日志。", "/admin/inbox");
        return true;
    }

    // ---- passwords -----------------------------------------------------------------------------------------------

    /** How many of an account's latest passwords may not be chosen again. */
    public static final int PASSWORD_HISTORY = 5;

    void setOwnPassword(StaffAccount account, String newPassword) {
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
        changes.rememberPassword(account.getId(), hash, now);
        audit.recordAs(account.getUsername(), names(account.getRoles()), "account.passwordChanged", "account", account.getId(),
                account.getUsername());
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

    static void requireVersion(long actual, long expected, Class<?> type, long id) {
        if (actual != expected) {
            throw new ObjectOptimisticLockingFailureException(type, id);
        }
    }

    static String names(Set<Role> roles) {
        return roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }
}
