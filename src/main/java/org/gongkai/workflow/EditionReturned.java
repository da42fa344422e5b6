package org.gongkai.workflow;

import java.time.Instant;

/** An edition was sent back with reasons. {@code actorId} is null when the system acted (the scheduler). */
public record EditionReturned(long editionId, long documentId, Long actorId, Instant at) implements EditionEvent {
}
