package org.gongkai.reporting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gongkai.requests.ApplicantCategory;
import org.gongkai.requests.Table3Row;

/** One year's 政府信息公开工作年度报告: its texts, entered figures and tallied figures, in the 2021 format. */
public record AnnualReport(int year, String title, String organisation, String overview, String problems, String other,
                           Figures figures, Tallies tallies) {

    /** The Table 4 groups, each with five cells: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计. */
    public static final List<String> TABLE4_GROUPS = List.of("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）");
    public static final List<String> TABLE4_CELLS = List.of("结果维持", "结果纠正", "其他结果", "尚未审结", "总计");

    /** What staff enter: Table 2's 规章 and decision counts and the fee amount (万元), and the 15 cells of Table 4. */
    public record Figures(int rulesIssued, int rulesRepealed, int rulesInForce, int licences, int penalties, int enforcement,
                          BigDecimal fees, List<Integer> table4) {

        public Figures {
            fees = fees == null ? BigDecimal.ZERO : fees;
            List<Integer> cells = new ArrayList<>(table4 == null ? List.of() : table4);
            while (cells.size() < 15) {
                cells.add(0);
            }
            table4 = List.copyOf(cells.subList(0, 15).stream().map(n -> n == null ? 0 : n).toList());
        }

        public static Figures empty() {
            return new Figures(0, 0, 0, 0, 0, 0, BigDecimal.ZERO, List.of());
        }

        public int table4(int group, int cell) {
            return table4.get(group * 5 + cell);
        }
    }

    /**
     * What the system counts: 行政规范性文件 issued, repealed and in force (from genre and 有效性), and Table 3 from the
     * requests, with any broken identity (新收 + 结转 = 办理结果总计 + 结转下年度) named per column.
     */
    public record Tallies(int normativeIssued, int normativeRepealed, int normativeInForce,
                          Map<Table3Row, Map<ApplicantCategory, Long>> table3, List<String> table3Mismatches,
                          long itemsPublished, long requestsReceived) {

        public long table3(Table3Row row, ApplicantCategory column) {
            return table3.get(row).get(column);
        }

        public long table3Total(Table3Row row) {
            return table3.get(row).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
