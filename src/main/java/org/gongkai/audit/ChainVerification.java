package org.gongkai.audit;

import java.io.Serializable;

/** The result of re-computing the audit hash chain: how many events were checked and the first broken one (null if none). */
public record ChainVerification(long eventsChecked, Long firstBrokenEventId) implements Serializable {

    public boolean intact() {
        return firstBrokenEventId == null;
    }
}
