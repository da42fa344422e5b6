package org.gongkai.identity;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in staff member as other features see them: who, which department, which roles, which departments they cover.
 * Stored in the JDBC session, so it holds only small immutable values.
 */
public final class StaffPrincipal implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String username;
    private final String displayName;
    private final long departmentId;
    private final String departmentName;
    private final Set<Role> roles;
    private final Set<Long> coveredDepartmentIds;
    private final boolean enabled;
    private final boolean accountNonLocked;
    private String passwordHash;

    public StaffPrincipal(long id, String username, String displayName, long departmentId, String departmentName,
                          Set<Role> roles, Set<Long> coveredDepartmentIds, boolean enabled, boolean accountNonLocked,
                          String passwordHash) {
        this.id = id;
        this.username = username;
        this.displayName = displayName;
        this.departmentId = departmentId;
        this.departmentName = departmentName;
        this.roles = Set.copyOf(roles);
        this.coveredDepartmentIds = Set.copyOf(coveredDepartmentIds);
        this.enabled = enabled;
        this.accountNonLocked = accountNonLocked;
        this.passwordHash = passwordHash;
    }

    public long id() { return id; }
    public String displayName() { return displayName; }
    public long departmentId() { return departmentId; }
    public String departmentName() { return departmentName; }
    public Set<Role> roles() { return roles; }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether a reviewer or approver handles items of that department: everyone's when they cover none in particular. */
    public boolean covers(long departmentId) {
        return coveredDepartmentIds.isEmpty() || coveredDepartmentIds.contains(departmentId);
    }

    public Set<Long> coveredDepartmentIds() { return coveredDepartmentIds; }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<SimpleGrantedAuthority> authorities = roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
        return authorities;
    }

    @Override public String getPassword() { return passwordHash; }
    @Override public String getUsername() { return username; }
    @Override public boolean isAccountNonLocked() { return accountNonLocked; }
    @Override public boolean isEnabled() { return enabled; }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StaffPrincipal p && p.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "StaffPrincipal[" + username + "]";
    }
}
