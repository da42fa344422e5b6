package org.gongkai.workflow;

import java.time.Instant;

/**
 * What the workflow raises after each move along its transition table ({@link EditionAction}), in the transaction of the
 * move; listeners that reach outside the system run after commit (docs/development.md, "Events between modules").
 */
public sealed interface EditionEvent permits EditionSubmitted, EditionReviewed, EditionReturned, EditionApproved,
        EditionScheduled, EditionPublished, EditionSuperseded, EditionWithdrawn, EditionUnpublished, EditionDiscarded,
        EditionReopened {

    long editionId();

    long documentId();

    Long actorId();

    Instant at();

    /** The event of a move by the given action. */
    static EditionEvent of(EditionAction action, long editionId, long documentId, Long actorId, Instant at) {
        return switch (action) {
            case SUBMIT -> new EditionSubmitted(editionId, documentId, actorId, at);
            case REOPEN -> new EditionReopened(editionId, documentId, actorId, at);
            case DISCARD -> new EditionDiscarded(editionId, documentId, actorId, at);
            case PASS_REVIEW -> new EditionReviewed(editionId, documentId, actorId, at);
            case RETURN -> new EditionReturned(editionId, documentId, actorId, at);
            case APPROVE -> new EditionApproved(editionId, documentId, actorId, at);
            case SCHEDULE -> new EditionScheduled(editionId, documentId, actorId, at);
            case PUBLISH, PUBLISH_SCHEDULED, FORCE_PUBLISH -> new EditionPublished(editionId, documentId, actorId, at);
            case SUPERSEDE -> new EditionSuperseded(editionId, documentId, actorId, at);
            case WITHDRAW -> new EditionWithdrawn(editionId, documentId, actorId, at);
            case UNPUBLISH -> new EditionUnpublished(editionId, documentId, actorId, at);
        };
    }
}
