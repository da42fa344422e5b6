package org.gongkai.tables;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** Builds the ECharts option of a chart from the published (masked) table, so the chart shows the table's own numbers. */
public final class ChartOption {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChartOption() {
    }

    /** The option as a map, or null when the configuration does not fit the table (missing or non-numeric columns). */
    public static Map<String, Object> of(MaskedTable table, ChartConfig config) {
        if (config == null || config.valueKeys().isEmpty()) {
            return null;
        }
        int category = table.indexOf(config.categoryKey());
        if (category < 0) {
            return null;
        }
        List<String> categories = table.rows().stream().map(r -> r.get(category)).toList();
        List<Map<String, Object>> series = new ArrayList<>();
        List<String> legend = new ArrayList<>();
        for (String key : config.valueKeys()) {
            int i = table.indexOf(key);
            if (i < 0 || !table.columns().get(i).numeric()) {
                return null;
            }
            List<BigDecimal> data = table.rows().stream()
                    .map(r -> TableWriters.isNumber(r.get(i)) ? new BigDecimal(r.get(i)) : null).toList();
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", table.columns().get(i).label());
            s.put("type", config.type() == ChartConfig.Type.LINE ? "line" : "bar");
            s.put("data", data);
            series.add(s);
            legend.add(table.columns().get(i).label());
        }
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("aria", Map.of("enabled", true));
        option.put("animation", false);
        option.put("title", Map.of("text", table.caption(), "left", "center", "textStyle", Map.of("fontSize", 14)));
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("legend", Map.of("data", legend, "bottom", 0));
        option.put("grid", Map.of("left", 50, "right", 20, "top", 50, "bottom", 60, "containLabel", true));
        option.put("xAxis", Map.of("type", "category", "data", categories));
        option.put("yAxis", Map.of("type", "value"));
        option.put("series", series);
        return option;
    }

    public static String json(MaskedTable table, ChartConfig config) {
        Map<String, Object> option = of(table, config);
        return option == null ? null : JSON.writeValueAsString(option);
    }
}
