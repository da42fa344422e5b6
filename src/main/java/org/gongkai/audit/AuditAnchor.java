package org.gongkai.audit;

import java.io.Serializable;
import java.time.Instant;

/** A signed checkpoint of the audit chain's head: the last event's id and hash at {@code anchoredAt}, HMAC-SHA256 signed. */
public record AuditAnchor(long id, Instant anchoredAt, long eventId, String headHash, String keyId, String signature)
        implements Serializable {

    /** The line written to the application log and the anchor file, which an auditor compares with the verifier page. */
    public String logLine() {
        return "audit-anchor id=" + id + " at=" + anchoredAt + " event=" + eventId + " head=" + headHash + " key=" + keyId
                + " hmac=" + signature;
    }
}
