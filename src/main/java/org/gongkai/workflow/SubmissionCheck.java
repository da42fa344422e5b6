package org.gongkai.workflow;

import java.time.LocalDate;

/**
 * A rule of another module on whether an edition may go to review or be force-published on a day, e.g. reporting's: the annual
 * report on a year only once that year has ended. Implement it as a bean; throw {@code RuleViolation} to refuse. The workflow
 * asks every such bean, so it needs to know none of the modules that make the rules.
 */
public interface SubmissionCheck {

    void check(long editionId, LocalDate today);
}
