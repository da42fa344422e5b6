package org.gongkai.audit;

import java.time.Instant;

/** One stored audit event. */
public record AuditEvent(Long id, Instant occurredAt, String actor, String actorRoles, String action, String objectType,
                         String objectId, String summary, String clientAddress, String requestId, String previousHash,
                         String hash) {
}
