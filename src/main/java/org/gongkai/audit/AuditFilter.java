package org.gongkai.audit;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;

/** Criteria for browsing the audit trail; blank values match everything. Dates are inclusive, in the configured zone. */
public record AuditFilter(String actor, String action, String objectType, String objectId, LocalDate from, LocalDate to) {

    public AuditFilter {
        actor = actor == null ? "" : actor.strip();
        action = action == null ? "" : action.strip();
        objectType = objectType == null ? "" : objectType.strip();
        objectId = objectId == null ? "" : objectId.strip();
    }

    public static AuditFilter all() {
        return new AuditFilter("", "", "", "", null, null);
    }

    Timestamp fromTimestamp(ZoneId zone) {
        return from == null ? null : Timestamp.from(from.atStartOfDay(zone).toInstant());
    }

    Timestamp toTimestamp(ZoneId zone) {
        return to == null ? null : Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
    }
}
