package org.gongkai.requests;

import java.util.EnumSet;
import java.util.Set;

/** Where a request stands; the clock runs in RECEIVED, IN_PROGRESS and (stopped) CONSULTING. */
public enum RequestState {
    /** 已收到: registered, not yet assigned to a department. */
    RECEIVED,
    /** 待补正: a one-time correction notice was sent (条例第30条); the clock waits for the corrected request. */
    CORRECTION_REQUESTED,
    /** 办理中: assigned to a department. */
    IN_PROGRESS,
    /** 征求意见中: third-party or co-producer consultation; the clock stands still (条例第32、34条). */
    CONSULTING,
    /** 已答复. */
    REPLIED,
    /** 已办结. */
    CLOSED,
    /** 申请人撤回. */
    WITHDRAWN,
    /** 视为放弃: no correction by the set date (条例第30条). */
    DEEMED_WITHDRAWN;

    public static final Set<RequestState> OPEN = EnumSet.of(RECEIVED, CORRECTION_REQUESTED, IN_PROGRESS, CONSULTING);

    public boolean open() {
        return OPEN.contains(this);
    }

    public String messageKey() {
        return "request.state." + name();
    }
}
