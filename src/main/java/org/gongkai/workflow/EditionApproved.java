package org.gongkai.workflow;

import java.time.Instant;

/** An edition was approved by a leader (局领导审定). {@code actorId} is null when the system acted (the scheduler). */
public record EditionApproved(long editionId, long documentId, Long actorId, Instant at) implements EditionEvent {
}
