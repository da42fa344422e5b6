package org.gongkai.workflow;

import java.time.Instant;

import org.gongkai.identity.StaffPrincipal;
import org.gongkai.workflow.internal.WorkflowRecords;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The review and approval records of {@link EditionWorkflow}: a second decision on the same round (two reviewers at once)
 * hits the unique key and is refused as a state conflict. Reads no clock: the workflow passes the time.
 */
@Component
class DecisionRecords {

    private final WorkflowRecords records;

    DecisionRecords(WorkflowRecords records) {
        this.records = records;
    }

    void review(long editionId, int round, boolean retrospective, StaffPrincipal me, Instant now, Checklist checklist,
                String opinion, int hits, String note, int uncheckedAttachments, String decision) {
        try {
            records.insertReview(editionId, round, retrospective, me.id(), now, checklist, opinion, hits, note, uncheckedAttachments,
                    decision);
        } catch (DuplicateKeyException e) {
            throw new WorkflowRefused("workflow.refused.state", true);
        }
    }

    void approval(long editionId, int round, StaffPrincipal me, Instant now, String decision, String opinion, Instant publishAt) {
        try {
            records.insertApproval(editionId, round, me.id(), now, decision, opinion, publishAt);
        } catch (DuplicateKeyException e) {
            throw new WorkflowRefused("workflow.refused.state", true);
        }
    }
}
