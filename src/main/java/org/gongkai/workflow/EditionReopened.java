package org.gongkai.workflow;

import java.time.Instant;

/** An edition was taken back to draft by its clerk after it was returned. {@code actorId} is null when the system acted (the scheduler). */
public record EditionReopened(long editionId, long documentId, Long actorId, Instant at) implements EditionEvent {
}
