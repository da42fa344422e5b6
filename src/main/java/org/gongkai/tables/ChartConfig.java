package org.gongkai.tables;

import java.util.List;

/** A table's chart: bar or line, the column giving the categories (x axis) and the numeric columns giving the series. */
public record ChartConfig(Type type, String categoryKey, List<String> valueKeys) {

    public ChartConfig {
        valueKeys = valueKeys == null ? List.of() : List.copyOf(valueKeys);
    }

    /** Chart types offered. */
    public enum Type { BAR, LINE }
}
