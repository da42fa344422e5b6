package org.gongkai.identity.web.admin;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.gongkai.identity.IdentityManagement.AccountCommand;
import org.gongkai.identity.IdentityManagement.NewAccountCommand;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffAccount;

/** Form records of the account pages. */
final class AccountForms {

    private AccountForms() {
    }

    public record NewAccountForm(
            @NotBlank(message = "{account.error.usernameRequired}") String username,
            @NotBlank(message = "{account.error.displayName}") @Size(max = 50, message = "{account.error.displayNameLength}") String displayName,
            @NotNull(message = "{account.error.department}") Long departmentId,
            @NotBlank(message = "{password.error.length}") String password) {

        static NewAccountForm empty() {
            return new NewAccountForm("", "", null, "");
        }

        NewAccountCommand toCommand() {
            return new NewAccountCommand(username, displayName, departmentId, password);
        }
    }

    public record AccountForm(
            @NotBlank(message = "{account.error.displayName}") @Size(max = 50, message = "{account.error.displayNameLength}") String displayName,
            @NotNull(message = "{account.error.department}") Long departmentId,
            boolean enabled,
            long version) {

        static AccountForm of(StaffAccount a) {
            return new AccountForm(a.getDisplayName(), a.getDepartmentId(), a.isEnabled(), a.getVersion());
        }

        AccountCommand toCommand() {
            return new AccountCommand(displayName, departmentId, enabled);
        }
    }

    public record ResetPasswordForm(@NotBlank(message = "{password.error.length}") String password) {
    }

    public record RolesForm(List<Role> roles, List<Long> coveredDepartmentIds, long version) {

        static RolesForm of(StaffAccount a) {
            return new RolesForm(List.copyOf(a.getRoles()), List.copyOf(a.getCoveredDepartmentIds()), a.getVersion());
        }

        Set<Role> roleSet() {
            return roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        }

        Set<Long> coveredSet() {
            return coveredDepartmentIds == null ? Set.of() : new HashSet<>(coveredDepartmentIds);
        }
    }

    public record OwnPasswordForm(
            @NotBlank(message = "{password.error.current}") String currentPassword,
            @NotBlank(message = "{password.error.length}") String newPassword,
            @NotBlank(message = "{password.error.confirm}") String confirmPassword) {
    }
}
