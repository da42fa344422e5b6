package org.gongkai.audit;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;

/** Criteria for browsing the audit trail; blank values match everything. Dates are inclusive, in China time. */
public record AuditFilter(String actor, String action, String objectType, String objectId, LocalDate from, LocalDate to) {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public AuditFilter {
        actor = actor == null ? "" : actor.strip();
        action = action == null ? "" : action.strip();
        objectType = objectType == null ? "" : objectType.strip();
        objectId = objectId == null ? "" : objectId.strip();
    }

    public static AuditFilter all() {
        return new AuditFilter("", "", "", "", null, null);
    }

    Timestamp fromTimestamp() {
        return from == null ? null : Timestamp.from(from.atStartOfDay(CHINA).toInstant());
    }

    Timestamp toTimestamp() {
        return to == null ? null : Timestamp.from(to.plusDays(1).atStartOfDay(CHINA).toInstant());
    }
}
