package org.gongkai.workflow;

import java.time.Instant;

/** An edition was replaced on the public site by a newer edition of its document. {@code actorId} is null when the system acted (the scheduler). */
public record EditionSuperseded(long editionId, long documentId, Long actorId, Instant at) implements EditionEvent {
}
