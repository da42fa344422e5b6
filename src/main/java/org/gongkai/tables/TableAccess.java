package org.gongkai.tables;

import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.tables.internal.TableStore;
import org.gongkai.tables.internal.TableStore.TableRow;

/**
 * Who may do what with a data table: clerks of its department (and edit only standalone tables), reviewers and approvers
 * covering that department; raw personal values for the department's own staff and reviewers.
 */
@org.springframework.stereotype.Component
class TableAccess {

    private final TableStore store;

    TableAccess(TableStore store) {
        this.store = store;
    }

    TableRow visible(StaffPrincipal me, long id) {
        TableRow t = store.table(id).orElseThrow(NotFoundException::new);
        boolean clerk = me.has(Role.CLERK) && me.departmentId() == t.departmentId();
        boolean reviewer = (me.has(Role.REVIEWER) || me.has(Role.APPROVER)) && me.covers(t.departmentId());
        if (!clerk && !reviewer) {
            throw new NotFoundException();
        }
        return t;
    }

    TableRow editable(StaffPrincipal me, long id) {
        TableRow t = visible(me, id);
        if (!mayEdit(me, t)) {
            throw new NotFoundException();
        }
        return store.tableForUpdate(id).orElseThrow(NotFoundException::new);
    }

    static boolean mayEdit(StaffPrincipal me, TableRow t) {
        return me.has(Role.CLERK) && me.departmentId() == t.departmentId() && TableManagement.STANDALONE.equals(t.ownerType());
    }

    static boolean maySeeRaw(StaffPrincipal me, TableRow t) {
        return me.departmentId() == t.departmentId() || me.has(Role.REVIEWER) && me.covers(t.departmentId());
    }

    static boolean mayScan(StaffPrincipal me, TableRow t) {
        return maySeeRaw(me, t);
    }
}
