package org.gongkai.workflow;

import java.time.Instant;

/** An edition was withdrawn (废止/失效): stays public with a banner. {@code actorId} is null when the system acted (the scheduler). */
public record EditionWithdrawn(long editionId, long documentId, Long actorId, Instant at) implements EditionEvent {
}
