package org.gongkai.identity.internal;

import java.util.Optional;

import org.gongkai.audit.AuditNames;
import org.gongkai.identity.Department;
import org.gongkai.identity.StaffAccount;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The staff names and department names that the audit page shows in place of usernames and ids. */
@Component
class AccountAuditNames implements AuditNames {

    private final StaffAccountRepository accounts;
    private final DepartmentRepository departments;

    AccountAuditNames(StaffAccountRepository accounts, DepartmentRepository departments) {
        this.accounts = accounts;
        this.departments = departments;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> personName(String username) {
        return accounts.findByUsername(username).map(StaffAccount::getDisplayName);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> departmentName(long id) {
        return departments.findById(id).map(Department::getName);
    }
}
