package org.gongkai.tables;

import java.util.List;

/**
 * One column of a table template version: a stable key (the key of the row values), the header label, the type,
 * whether a value is required, the publication rule and, for enum columns, the allowed values.
 */
public record TableColumn(String key, String label, ColumnType type, boolean required, PublicationRule rule,
                          List<String> allowedValues) {

    public TableColumn {
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    }

    public static TableColumn of(String key, String label, ColumnType type, boolean required, PublicationRule rule,
                                 String... allowed) {
        return new TableColumn(key, label, type, required, rule, List.of(allowed));
    }
}
