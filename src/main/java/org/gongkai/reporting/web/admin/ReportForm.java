package org.gongkai.reporting.web.admin;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.gongkai.reporting.AnnualReport;
import org.gongkai.reporting.AnnualReports;

/** The annual report's texts and entered figures; {@code version} guards against two clerks overwriting each other. */
public record ReportForm(
        @Size(max = 20000, message = "{report.error.textLength}") String overview,
        @Size(max = 20000, message = "{report.error.textLength}") String problems,
        @Size(max = 20000, message = "{report.error.textLength}") String other,
        @Min(value = 0, message = "{report.error.negative}") @Max(value = 1_000_000, message = "{report.error.tooLarge}") Integer rulesIssued,
        @Min(value = 0, message = "{report.error.negative}") @Max(value = 1_000_000, message = "{report.error.tooLarge}") Integer rulesRepealed,
        @Min(value = 0, message = "{report.error.negative}") @Max(value = 1_000_000, message = "{report.error.tooLarge}") Integer rulesInForce,
        @Min(value = 0, message = "{report.error.negative}") @Max(value = 1_000_000, message = "{report.error.tooLarge}") Integer licences,
        @Min(value = 0, message = "{report.error.negative}") @Max(value = 1_000_000, message = "{report.error.tooLarge}") Integer penalties,
        @Min(value = 0, message = "{report.error.negative}") @Max(value = 1_000_000, message = "{report.error.tooLarge}") Integer enforcement,
        @DecimalMin(value = "0", message = "{report.error.fees}") BigDecimal fees,
        List<Integer> table4,
        Long version) {

    static ReportForm of(AnnualReport r, long version) {
        AnnualReport.Figures f = r.figures();
        return new ReportForm(r.overview(), r.problems(), r.other(), f.rulesIssued(), f.rulesRepealed(), f.rulesInForce(), f.licences(),
                f.penalties(), f.enforcement(), f.fees(), f.table4(), version);
    }

    public int cell(int group, int cell) {
        int i = group * 5 + cell;
        return table4 == null || i >= table4.size() || table4.get(i) == null ? 0 : table4.get(i);
    }

    AnnualReports.Input toInput() {
        return new AnnualReports.Input(overview, problems, other, new AnnualReport.Figures(zero(rulesIssued), zero(rulesRepealed),
                zero(rulesInForce), zero(licences), zero(penalties), zero(enforcement), fees, table4));
    }

    private static int zero(Integer n) {
        return n == null ? 0 : n;
    }
}
