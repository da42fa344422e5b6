package org.gongkai.workflow;

import java.time.Instant;

/** An edition was sent for confidentiality review (送审). {@code actorId} is null when the system acted (the scheduler). */
public record EditionSubmitted(long editionId, long documentId, Long actorId, Instant at) implements EditionEvent {
}
