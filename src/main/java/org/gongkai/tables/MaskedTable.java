package org.gongkai.tables;

import java.util.List;

/**
 * A table as the public may see it: the caption, the published columns and the rows with every personal value masked
 * and every hidden column dropped. Pages, downloads, the open-data catalogue and the search index only ever see this.
 */
public record MaskedTable(String caption, List<Column> columns, List<List<String>> rows) {

    public MaskedTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** A published column: key, header and whether its values are numbers (right-aligned, chartable). */
    public record Column(String key, String label, boolean numeric) {
    }

    public int indexOf(String key) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
