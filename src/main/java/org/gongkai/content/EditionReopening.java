package org.gongkai.content;

import org.gongkai.identity.StaffPrincipal;

/**
 * Takes a returned edition back to draft when its clerk edits it, under the workflow's rules. Content declares it and the
 * workflow module implements it, so the state stays the workflow's while content does not depend on the workflow.
 */
public interface EditionReopening {

    /** Moves the returned edition (of a document of {@code departmentId}) to draft, or refuses (workflow's {@code WorkflowRefused}). */
    void reopen(Edition edition, long departmentId, StaffPrincipal me);
}
