package org.gongkai.identity;

import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.internal.DepartmentRepository;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.CreditCode;
import org.gongkai.support.RuleViolation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeping the departments (SYSADMIN): create and change them, with unique names and credit codes and no parent cycles. */
@Service
public class DepartmentAdministration {

    private final DepartmentRepository departments;
    private final AuditTrail audit;

    DepartmentAdministration(DepartmentRepository departments, AuditTrail audit) {
        this.departments = departments;
        this.audit = audit;
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
        Department department = departments.findById(id).orElseThrow(NotFoundException::new);
        IdentityManagement.requireVersion(department.getVersion(), version, Department.class, id);
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
}
