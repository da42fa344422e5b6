package org.gongkai.requests;

/** Grounds for 不予公开 as the eight sub-rows of the 2021 annual-report Table 3 (条例第14、15、16条). */
public enum NotDisclosedGround {
    STATE_SECRET, LAW_FORBIDS, THREE_SAFETIES, THIRD_PARTY_RIGHTS, INTERNAL_AFFAIRS, PROCESS_INFORMATION, ENFORCEMENT_FILE,
    ADMINISTRATIVE_QUERY;

    public String messageKey() {
        return "request.ground." + name();
    }
}
