package org.gongkai.audit;

import java.io.Serializable;

/**
 * The result of re-computing the audit hash chain and comparing it with its anchors: how many events were checked, the first
 * broken one (null if none), the last event there is, the newest anchor, the anchored event that no longer exists (the tail
 * was cut after it was anchored; null if none) and the first anchor whose signature does not hold (null if none).
 */
public record ChainVerification(long eventsChecked, Long firstBrokenEventId, Long lastEventId, AuditAnchor lastAnchor,
                                AuditAnchor cutAnchor, Long forgedAnchorId) implements Serializable {

    public ChainVerification(long eventsChecked, Long firstBrokenEventId) {
        this(eventsChecked, firstBrokenEventId, null, null, null, null);
    }

    public boolean intact() {
        return firstBrokenEventId == null && cutAnchor == null && forgedAnchorId == null;
    }

    /** True when events were deleted from the end of the chain after an anchor had recorded them. */
    public boolean tailCut() {
        return cutAnchor != null;
    }
}
