package org.gongkai.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A staff account of the admin console. */
@Entity
@Table(name = "staff_user")
public class StaffAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "department_id", nullable = false)
    private Long departmentId;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    /** Set when someone else chose the password (a new account, a reset): the holder must change it at the next sign-in. */
    @Column(name = "password_must_change", nullable = false)
    private boolean passwordMustChange;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "staff_user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "staff_user_covered_department", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "department_id")
    private Set<Long> coveredDepartmentIds = new HashSet<>();

    @Version
    private long version;

    protected StaffAccount() {
    }

    public StaffAccount(String username, String displayName, Long departmentId, String passwordHash, Instant now) {
        this.username = username;
        this.displayName = displayName;
        this.departmentId = departmentId;
        this.passwordHash = passwordHash;
        this.passwordChangedAt = now;
    }

    public void recordSuccessfulLogin(Instant now) {
        lastLoginAt = now;
    }

    /** A password the holder chose themselves. */
    public void changePassword(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.passwordChangedAt = now;
        this.passwordMustChange = false;
    }

    /** A password someone else chose (an administrator, the break-glass procedure): to be changed at the next sign-in. */
    public void setPasswordByOther(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.passwordChangedAt = now;
        this.passwordMustChange = true;
    }

    /** Whether the password is older than the policy allows ({@code maxAge} zero or negative: passwords never expire). */
    public boolean isPasswordExpiredAt(Instant now, Duration maxAge) {
        return !maxAge.isZero() && !maxAge.isNegative() && passwordChangedAt.plus(maxAge).isBefore(now);
    }

    /** Whether the account holds one of the three administrator roles (三员). */
    public boolean isAdministrator() {
        return roles.stream().anyMatch(Role.SEPARATED::contains);
    }

    public void changeProfile(String displayName, Long departmentId, boolean enabled) {
        this.displayName = displayName;
        this.departmentId = departmentId;
        this.enabled = enabled;
    }

    public void grant(Set<Role> newRoles, Set<Long> coveredDepartments) {
        roles.clear();
        roles.addAll(newRoles);
        coveredDepartmentIds.clear();
        coveredDepartmentIds.addAll(coveredDepartments);
    }

    public Long getId() { return id; }
    public String getUsername() { return username; }
    public String getDisplayName() { return displayName; }
    public Long getDepartmentId() { return departmentId; }
    public String getPasswordHash() { return passwordHash; }
    public boolean isEnabled() { return enabled; }
    public Instant getPasswordChangedAt() { return passwordChangedAt; }
    public boolean isPasswordMustChange() { return passwordMustChange; }
    public Instant getLastLoginAt() { return lastLoginAt; }
    public Set<Role> getRoles() { return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles); }
    public Set<Long> getCoveredDepartmentIds() { return Set.copyOf(coveredDepartmentIds); }
    public long getVersion() { return version; }
}
