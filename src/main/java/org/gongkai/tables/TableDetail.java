package org.gongkai.tables;

import java.time.Instant;
import java.util.List;

/**
 * A data table as the console shows it to someone allowed to see it: facts, the column set, the published form, and what
 * the viewer may do. Raw personal values are not in here; they need {@link TableManagement#rawTable}.
 */
public record TableDetail(long id, String caption, long templateId, String templateName, int versionNo, long departmentId,
                          String departmentName, Cadence cadence, String ownerType, Long ownerId, long version,
                          Instant updatedAt, List<TableColumn> columns, List<Long> rowIds, MaskedTable published,
                          ChartConfig chart, String chartOptionJson, boolean mayEdit, boolean maySeeRaw, boolean mayScan) {

    public boolean hasPersonalColumns() {
        return columns.stream().anyMatch(c -> c.type().personal());
    }

    public int rowCount() {
        return rowIds.size();
    }
}
