package org.gongkai.tables;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.gongkai.tables.internal.TableStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes standalone data tables as given, for the demo data (no import, no console checks, no audit); not reachable from any
 * page. The names of the standard templates that every installation has are here too.
 */
@Service
public class TableSeeding {

    public static final String RELIEF = "疾病应急救助个案";
    public static final String INSPECTIONS = "双随机抽查结果";
    public static final String PENALTIES = "行政处罚决定";
    public static final String RESOURCES = "医疗卫生资源概况";
    public static final String INSTITUTIONS = "医疗机构名录";
    public static final String SHORTAGES = "短缺药品清单";
    public static final String WATER = "生活饮用水水质监测";

    private final TableStore store;
    private final Clock clock;

    TableSeeding(TableStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * A standalone table of the department on the latest version of a standard template, with its rows and chart, unless the
     * department already has a table with the caption (under any owner). Returns whether it was written.
     */
    @Transactional
    public boolean standaloneTable(long departmentId, String template, String caption, Cadence cadence, List<Map<String, String>> rows,
                                   ChartConfig chart) {
        if (store.hasTableWithCaption(departmentId, caption)) {
            return false;
        }
        long templateId = store.templateIdByName(template).orElseThrow();
        long versionId = store.latestVersion(templateId).orElseThrow().id();
        long id = store.insertTable(versionId, TableManagement.STANDALONE, null, departmentId, caption, cadence, Instant.now(clock));
        store.appendRows(id, rows);
        if (chart != null) {
            store.updateChart(id, chart);
        }
        return true;
    }
}
