package org.gongkai.workflow;

import java.time.Instant;

/** An edition was published; its publication snapshot was written in the same transaction. {@code actorId} is null when the system acted (the scheduler). */
public record EditionPublished(long editionId, long documentId, Long actorId, Instant at) implements EditionEvent {
}
