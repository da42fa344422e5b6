package org.gongkai.tables;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tables of a publication snapshot ({@code publication_snapshot.tables}, {@code PublicationContent.maskedTablesJson}):
 * a JSON array of masked tables, each with its chart option. Written from {@link MaskedTable}s at publication and read back
 * by public pages, which render them with {@code fragments/table}; nothing raw can be in it.
 */
public final class PublishedTables {

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final TypeReference<List<Map<String, Object>>> ARRAY = new TypeReference<>() { };

    /** One published table and its ECharts option (null without a chart). */
    public record Entry(MaskedTable table, String chartOptionJson) {
    }

    private PublishedTables() {
    }

    public static String json(List<Entry> entries) {
        List<Object> array = new ArrayList<>();
        for (Entry e : entries) {
            @SuppressWarnings("unchecked")
            Map<String, Object> table = JSON.readValue(TableWriters.json(e.table()), LinkedHashMap.class);
            table.put("chart", e.chartOptionJson() == null ? null : JSON.readValue(e.chartOptionJson(), LinkedHashMap.class));
            array.add(table);
        }
        return JSON.writeValueAsString(array);
    }

    /**
     * The text public search indexes for these tables: each caption, column label and cell as published (masked values
     * only; the raw value of a masked cell is never in it).
     */
    public static String searchText(String json) {
        StringBuilder text = new StringBuilder();
        for (Entry e : read(json)) {
            MaskedTable t = e.table();
            text.append(t.caption() == null ? "" : t.caption()).append('\n');
            t.columns().forEach(c -> text.append(c.label()).append(' '));
            for (List<String> row : t.rows()) {
                text.append('\n').append(String.join(" ", row));
            }
            text.append('\n');
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    public static List<Entry> read(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (Map<String, Object> t : JSON.readValue(json, ARRAY)) {
            List<MaskedTable.Column> columns = new ArrayList<>();
            for (Map<String, Object> c : (List<Map<String, Object>>) t.get("columns")) {
                columns.add(new MaskedTable.Column((String) c.get("key"), (String) c.get("label"), Boolean.TRUE.equals(c.get("numeric"))));
            }
            List<List<String>> rows = new ArrayList<>();
            for (Map<String, Object> r : (List<Map<String, Object>>) t.get("rows")) {
                List<String> cells = new ArrayList<>();
                for (MaskedTable.Column c : columns) {
                    Object v = r.get(c.key());
                    cells.add(v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString());
                }
                rows.add(cells);
            }
            Object chart = t.get("chart");
            entries.add(new Entry(new MaskedTable((String) t.get("caption"), columns, rows),
                    chart == null ? null : JSON.writeValueAsString(chart)));
        }
        return entries;
    }
}
