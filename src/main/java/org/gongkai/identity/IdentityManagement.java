package org.gongkai.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.internal.DepartmentRepository;
import org.gongkai.identity.internal.StaffAccountRepository;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.CreditCode;
import org.gongkai.support.RuleViolation;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Departments and staff accounts: SYSADMIN keeps them, SECADMIN grants roles and unlocks, everyone changes their own password. */
@Service
public class IdentityManagement {

    private final DepartmentRepository departments;
    private final StaffAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;
    private final Clock clock;

    IdentityManagement(DepartmentRepository departments, StaffAccountRepository accounts, PasswordEncoder passwordEncoder,
                       AuditTrail audit, Clock clock) {
        this.departments = departments;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.clock = clock;
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
        if (departments.existsByCreditCodeAndIdNot(command.creditCode().strip(), id)) {
            throw new RuleViolation("creditCode", "department.error.duplicateCreditCode");
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
        StaffAccount created = accounts.save(new StaffAccount(username, command.displayName().strip(), command.departmentId(),
                passwordEncoder.encode(command.password()), Instant.now(clock)));
        audit.record("account.created", "account", created.getId(), username + " 科室#" + command.departmentId());
        return created;
    }

    public record AccountCommand(String displayName, Long departmentId, boolean enabled) {
    }

    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public StaffAccount updateAccount(long id, long version, AccountCommand command) {
        StaffAccount account = account(id);
        requireVersion(account.getVersion(), version, StaffAccount.class, id);
        requireDepartment(command.departmentId());
        String before = account.getDisplayName() + " 科室#" + account.getDepartmentId() + (account.isEnabled() ? " 启用" : " 停用");
        account.changeProfile(command.displayName().strip(), command.departmentId(), command.enabled());
        audit.record("account.changed", "account", id, before + " → " + command.displayName().strip() + " 科室#"
                + command.departmentId() + (command.enabled() ? " 启用" : " 停用"));
        return account;
    }

    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public void resetPassword(long id, String newPassword) {
        StaffAccount account = account(id);
        checkPassword(newPassword, account.getUsername());
        account.changePassword(passwordEncoder.encode(newPassword), Instant.now(clock));
        audit.record("account.passwordReset", "account", id, account.getUsername());
    }

    @Transactional
    @PreAuthorize("isAuthenticated()")
    public void changeOwnPassword(long accountId, String currentPassword, String newPassword) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(NotFoundException::new);
        if (!passwordEncoder.matches(currentPassword, account.getPasswordHash())) {
            throw new RuleViolation("currentPassword", "password.error.current");
        }
        checkPassword(newPassword, account.getUsername(), "newPassword");
        if (passwordEncoder.matches(newPassword, account.getPasswordHash())) {
            throw new RuleViolation("newPassword", "password.error.same");
        }
        account.changePassword(passwordEncoder.encode(newPassword), Instant.now(clock));
        audit.record("account.passwordChanged", "account", accountId, account.getUsername());
    }

    @Transactional
    @PreAuthorize("hasRole('SECADMIN')")
    public void grantRoles(long id, long version, Set<Role> roles, Set<Long> coveredDepartments, long actingAccountId) {
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
        String before = names(account.getRoles()) + " 分管" + new TreeSet<>(account.getCoveredDepartmentIds());
        account.grant(roles, coveredDepartments);
        audit.record("account.rolesGranted", "account", id,
                account.getUsername() + ": " + before + " → " + names(roles) + " 分管" + new TreeSet<>(coveredDepartments));
    }

    @Transactional
    @PreAuthorize("hasRole('SECADMIN')")
    public void unlock(long id) {
        StaffAccount account = account(id);
        account.unlock();
        audit.record("account.unlocked", "account", id, account.getUsername());
    }

    // ---- sign-in -----------------------------------------------------------------------------------------------

    /** What a failed sign-in did to the account. */
    public enum FailedLogin { UNKNOWN_ACCOUNT, COUNTED, LOCKED_NOW }

    @Transactional
    public FailedLogin recordFailedLogin(String username) {
        Optional<StaffAccount> found = username == null ? Optional.empty() : accounts.findByUsername(username.strip());
        if (found.isEmpty()) {
            // the attempted name is not stored: people sometimes type their password into the username field
            audit.recordAs("anonymous", "", "login.failed", "account", "", "未知用户名");
            return FailedLogin.UNKNOWN_ACCOUNT;
        }
        StaffAccount account = found.get();
        boolean lockedNow = account.recordFailedLogin(Instant.now(clock));
        audit.recordAs(account.getUsername(), names(account.getRoles()), "login.failed", "account", account.getId(), "密码错误");
        if (lockedNow) {
            audit.recordAs(account.getUsername(), names(account.getRoles()), "account.locked", "account", account.getId(),
                    "连续" + StaffAccount.MAX_FAILED_LOGINS + "次登录失败，锁定至 " + account.getLockedUntil());
            return FailedLogin.LOCKED_NOW;
        }
        return FailedLogin.COUNTED;
    }

    @Transactional
    public void recordRefusedLogin(String username, String reason) {
        Optional<StaffAccount> found = username == null ? Optional.empty() : accounts.findByUsername(username.strip());
        found.ifPresent(a -> audit.recordAs(a.getUsername(), names(a.getRoles()), "login.refused", "account", a.getId(), reason));
    }

    @Transactional
    public void recordSuccessfulLogin(long accountId) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(NotFoundException::new);
        account.recordSuccessfulLogin(Instant.now(clock));
        audit.recordAs(account.getUsername(), names(account.getRoles()), "login.succeeded", "account", accountId, "");
    }

    @Transactional(readOnly = true)
    public Optional<StaffPrincipal> principal(String username) {
        return accounts.findByUsername(username.strip()).map(a -> new StaffPrincipal(a.getId(), a.getUsername(),
                a.getDisplayName(), a.getDepartmentId(),
                departments.findById(a.getDepartmentId()).map(Department::getName).orElse(""),
                a.getRoles(), a.getCoveredDepartmentIds(), a.isEnabled(), !a.isLockedAt(Instant.now(clock)),
                a.getPasswordHash()));
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
