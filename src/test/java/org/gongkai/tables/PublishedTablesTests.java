package org.gongkai.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The snapshot JSON of masked tables reads back to the same tables and chart, numbers unchanged. */
class PublishedTablesTests {

    @Test
    void roundTripKeepsCaptionColumnsRowsNumbersAndChart() {
        List<TableColumn> columns = List.of(
                TableColumn.of("year", "年份", ColumnType.INTEGER, true, PublicationRule.SHOW),
                TableColumn.of("beds_per_1000", "每千人口床位数（张）", ColumnType.DECIMAL, true, PublicationRule.SHOW),
                TableColumn.of("note", "备注", ColumnType.TEXT, false, PublicationRule.SHOW));
        MaskedTable table = PublicTable.of("医疗卫生资源", columns, List.of(
                Map.of("year", "2024", "beds_per_1000", "5.66", "note", ""),
                Map.of("year", "2025", "beds_per_1000", "5.80", "note", "含民营")));
        String chart = ChartOption.json(table, new ChartConfig(ChartConfig.Type.LINE, "year", List.of("beds_per_1000")));
        String json = PublishedTables.json(List.of(new PublishedTables.Entry(table, chart)));
        List<PublishedTables.Entry> read = PublishedTables.read(json);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).table()).isEqualTo(table);
        assertThat(read.get(0).chartOptionJson()).contains("\"type\":\"line\"", "[5.66,5.80]");
        assertThat(PublishedTables.read("[]")).isEmpty();
    }

    @Test
    void chartIsAbsentWhenTheConfigDoesNotFitTheTable() {
        MaskedTable table = new MaskedTable("t", List.of(new MaskedTable.Column("a", "A", false)), List.of(List.of("x")));
        assertThat(ChartOption.of(table, new ChartConfig(ChartConfig.Type.BAR, "a", List.of("a")))).isNull();
        assertThat(ChartOption.of(table, null)).isNull();
    }
}
