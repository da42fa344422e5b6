package org.gongkai.reporting.internal;

import java.time.LocalDate;

import org.gongkai.reporting.AnnualReports;
import org.gongkai.workflow.SubmissionCheck;
import org.springframework.stereotype.Component;

/** 条例第50条 in the workflow: an annual report goes to review or is published only after its year ({@link AnnualReports#checkSubmittable}). */
@Component
class AnnualReportSubmission implements SubmissionCheck {

    private final AnnualReports reports;

    AnnualReportSubmission(AnnualReports reports) {
        this.reports = reports;
    }

    @Override
    public void check(long editionId, LocalDate today) {
        reports.checkSubmittable(editionId, today);
    }
}
