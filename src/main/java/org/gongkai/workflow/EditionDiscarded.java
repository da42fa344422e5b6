package org.gongkai.workflow;

import java.time.Instant;

/** An edition was thrown away as a draft. {@code actorId} is null when the system acted (the scheduler). */
public record EditionDiscarded(long editionId, long documentId, Long actorId, Instant at) implements EditionEvent {
}
