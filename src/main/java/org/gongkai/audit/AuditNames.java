package org.gongkai.audit;

import java.util.Optional;

/**
 * Names for reading the audit trail: the identity module provides them (it depends on audit, not the other way round), so
 * that the console shows 王芳 instead of a username and 医政医管科 instead of 科室#3. The stored events are never rewritten.
 */
public interface AuditNames {

    /** The display name of a staff account, by username. */
    Optional<String> personName(String username);

    /** The name of a department, by id. */
    Optional<String> departmentName(long id);
}
