package org.gongkai.identity;

import java.util.EnumSet;
import java.util.Set;

/** The roles of the console. The last three are the 等保 2.0 "三员" and are never combined with another role. */
public enum Role {
    /** 科室经办人: drafts items of their own department and answers requests assigned to them. */
    CLERK,
    /** 办公室审核: confidentiality review (保密审查) of submitted items. */
    REVIEWER,
    /** 局领导: final sign-off where the catalogue node demands it; force publication. */
    APPROVER,
    /** 系统管理员: departments, accounts, catalogue, code lists, calendar. */
    SYSADMIN,
    /** 安全管理员: role grants, unlocking accounts. */
    SECADMIN,
    /** 审计管理员: reads the audit trail and nothing else. */
    AUDITOR;

    public static final Set<Role> SEPARATED = EnumSet.of(SYSADMIN, SECADMIN, AUDITOR);

    public String authority() {
        return "ROLE_" + name();
    }

    public String messageKey() {
        return "role." + name();
    }
}
