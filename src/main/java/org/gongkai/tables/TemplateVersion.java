package org.gongkai.tables;

import java.util.List;

/** One version of a table template: its column set, frozen once a data table uses it. */
public record TemplateVersion(long id, long templateId, String name, String description, int versionNo,
                              List<TableColumn> columns, boolean used) {

    public TemplateVersion {
        columns = List.copyOf(columns);
    }

    public boolean hasPersonalColumns() {
        return columns.stream().anyMatch(c -> c.type().personal());
    }
}
