package org.gongkai.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns raw rows into the {@link MaskedTable} the public sees: hidden columns dropped, masked columns masked. */
public final class PublicTable {

    private PublicTable() {
    }

    public static MaskedTable of(String caption, List<TableColumn> columns, List<Map<String, String>> rows) {
        List<TableColumn> published = columns.stream().filter(c -> c.rule() != PublicationRule.HIDE).toList();
        List<MaskedTable.Column> header = published.stream()
                .map(c -> new MaskedTable.Column(c.key(), c.label(), c.type().numeric())).toList();
        List<List<String>> masked = new ArrayList<>();
        for (Map<String, String> row : rows) {
            List<String> cells = new ArrayList<>(published.size());
            for (TableColumn c : published) {
                String value = row.getOrDefault(c.key(), "");
                cells.add(value == null ? "" : c.rule() == PublicationRule.MASK ? Masking.mask(c.type(), value) : value);
            }
            masked.add(cells);
        }
        return new MaskedTable(caption, header, masked);
    }

    /** Every column shown as entered: the console's raw view for those allowed to see it. */
    public static MaskedTable raw(String caption, List<TableColumn> columns, List<Map<String, String>> rows) {
        List<TableColumn> shown = columns.stream()
                .map(c -> new TableColumn(c.key(), c.label(), c.type(), c.required(), PublicationRule.SHOW, c.allowedValues()))
                .toList();
        return of(caption, shown, rows);
    }
}
