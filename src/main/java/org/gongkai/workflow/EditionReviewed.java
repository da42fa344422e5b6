package org.gongkai.workflow;

import java.time.Instant;

/** An edition was passed the confidentiality review (保密审查). {@code actorId} is null when the system acted (the scheduler). */
public record EditionReviewed(long editionId, long documentId, Long actorId, Instant at) implements EditionEvent {
}
