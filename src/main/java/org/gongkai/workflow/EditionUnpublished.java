package org.gongkai.workflow;

import java.time.Instant;

/** An edition was removed from every public view. {@code actorId} is null when the system acted (the scheduler). */
public record EditionUnpublished(long editionId, long documentId, Long actorId, Instant at) implements EditionEvent {
}
