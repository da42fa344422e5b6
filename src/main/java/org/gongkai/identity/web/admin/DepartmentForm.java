package org.gongkai.identity.web.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.gongkai.identity.Department;
import org.gongkai.identity.DepartmentAdministration.DepartmentCommand;

/** The department form; the hidden version guards against lost updates. */
public record DepartmentForm(
        @NotBlank(message = "{department.error.name}") @Size(max = 100, message = "{department.error.nameLength}") String name,
        @NotBlank(message = "{department.error.shortName}") @Size(max = 30, message = "{department.error.shortNameLength}") String shortName,
        @NotBlank(message = "{department.error.creditCodeRequired}") String creditCode,
        Long parentId,
        boolean active,
        long version) {

    static DepartmentForm empty() {
        return new DepartmentForm("", "", "", null, true, 0);
    }

    static DepartmentForm of(Department d) {
        return new DepartmentForm(d.getName(), d.getShortName(), d.getCreditCode(), d.getParentId(), d.isActive(), d.getVersion());
    }

    DepartmentCommand toCommand() {
        return new DepartmentCommand(name, shortName, creditCode.strip().toUpperCase(java.util.Locale.ROOT), parentId, active);
    }
}
