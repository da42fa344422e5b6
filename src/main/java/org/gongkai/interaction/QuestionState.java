package org.gongkai.interaction;

/** Where a question stands: from receipt to a reviewed reply. */
public enum QuestionState {
    /** 待分办: received, not yet assigned to a department. */
    RECEIVED,
    /** 办理中: assigned; the department drafts the answer. */
    ASSIGNED,
    /** 待审核: answered by the department, waiting for the reviewer. */
    ANSWERED,
    /** 退回修改: the reviewer returned the answer; the department answers again. */
    RETURNED,
    /** 已答复: the reviewer passed the answer; public when the asker allowed it. */
    REPLIED;

    /** The department still owes an answer, so the working-day limit runs. */
    public boolean awaitingDepartment() {
        return this == RECEIVED || this == ASSIGNED || this == RETURNED;
    }

    public String messageKey() {
        return "question.state." + name();
    }
}
