package org.gongkai.workflow;

import java.time.Instant;

/** An edition was to be published at a set time. {@code actorId} is null when the system acted (the scheduler). */
public record EditionScheduled(long editionId, long documentId, Long actorId, Instant at) implements EditionEvent {
}
