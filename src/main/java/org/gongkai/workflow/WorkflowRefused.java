package org.gongkai.workflow;

/** An action the workflow rules do not allow; nothing was changed. */
public class WorkflowRefused extends RuntimeException {

    private final String messageKey;
    private final boolean conflict;

    public WorkflowRefused(String messageKey, boolean conflict) {
        super(messageKey, null, false, false);
        this.messageKey = messageKey;
        this.conflict = conflict;
    }

    public String messageKey() {
        return messageKey;
    }

    /** True when only the state was wrong (someone else acted first): HTTP 409; otherwise 403. */
    public boolean conflict() {
        return conflict;
    }
}
