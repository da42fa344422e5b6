package org.gongkai.workflow;

import java.time.Instant;

/** The stored facts of an edition's way through review and approval; what the console shows beside the edition. */
public record WorkflowFacts(long editionId, int round, Long submittedBy, Instant submittedAt, Long reviewedBy, Instant reviewedAt,
                            Long approvedBy, Instant approvedAt, Instant scheduledFor, Instant publishedAt, Long forcePublishedBy,
                            String forceReason, Instant retrospectiveReviewedAt, String lastReturnReason, Instant lastReturnedAt) {

    public static WorkflowFacts none(long editionId) {
        return new WorkflowFacts(editionId, 0, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Force-published and not yet reviewed afterwards: flagged on the reviewers' dashboard. */
    public boolean awaitingRetrospectiveReview() {
        return forcePublishedBy != null && retrospectiveReviewedAt == null;
    }
}
