package org.gongkai.requests;

import java.util.EnumSet;
import java.util.Set;

import static org.gongkai.requests.RequestState.*;

/** Every step of the handling, the states it may start from and where it leads (null: the state stays, or see {@link #next(RequestState, boolean)}). */
public enum RequestAction {
    ASSIGN(EnumSet.of(RECEIVED, IN_PROGRESS, CONSULTING), null),
    REQUEST_CORRECTION(EnumSet.of(RECEIVED, IN_PROGRESS), CORRECTION_REQUESTED),
    RECEIVE_CORRECTION(EnumSet.of(CORRECTION_REQUESTED), null),
    DEEM_WITHDRAWN(EnumSet.of(CORRECTION_REQUESTED), DEEMED_WITHDRAWN),
    START_CONSULTATION(EnumSet.of(IN_PROGRESS), CONSULTING),
    END_CONSULTATION(EnumSet.of(CONSULTING), IN_PROGRESS),
    EXTEND(EnumSet.of(IN_PROGRESS, CONSULTING), null),
    DRAFT_REPLY(EnumSet.of(RECEIVED, IN_PROGRESS), null),
    REPLY(EnumSet.of(RECEIVED, IN_PROGRESS), REPLIED),
    CLOSE(EnumSet.of(REPLIED), CLOSED),
    WITHDRAW(EnumSet.of(RECEIVED, CORRECTION_REQUESTED, IN_PROGRESS, CONSULTING), WITHDRAWN),
    PROMOTE(EnumSet.of(REPLIED, CLOSED), null);

    private final Set<RequestState> from;
    private final RequestState to;

    RequestAction(Set<RequestState> from, RequestState to) {
        this.from = from;
        this.to = to;
    }

    public boolean allowedFrom(RequestState state) {
        return from.contains(state);
    }

    /** The state after the action, or the current one when the action does not move it. */
    public RequestState next(RequestState current) {
        return to == null ? current : to;
    }

    /**
     * The state after the action for a request that is (or is not) assigned to a department: assigning a received request
     * puts it in progress; a corrected request goes back to where it was, received or in progress (条例第30条).
     */
    public RequestState next(RequestState current, boolean assigned) {
        return switch (this) {
            case ASSIGN -> current == RECEIVED ? IN_PROGRESS : current;
            case RECEIVE_CORRECTION -> assigned ? IN_PROGRESS : RECEIVED;
            default -> next(current);
        };
    }
}
