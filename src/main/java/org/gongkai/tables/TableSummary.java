package org.gongkai.tables;

import java.time.Instant;

/** A data table in the console list. */
public record TableSummary(long id, String caption, String templateName, int versionNo, long departmentId,
                           String departmentName, Cadence cadence, int rowCount, Instant updatedAt, String ownerType) {
}
