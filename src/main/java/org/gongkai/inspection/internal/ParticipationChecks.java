package org.gongkai.inspection.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gongkai.consultation.Consultations;
import org.gongkai.inspection.Check;
import org.gongkai.inspection.CheckStatus;
import org.gongkai.inspection.Finding;
import org.gongkai.inspection.SelfCheckContributor;
import org.gongkai.inspection.Thresholds;
import org.gongkai.interaction.Questions;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The self-check's view of public participation, merged into the built-in checks by key: questions left unanswered past their
 * working-day limit count towards 互动回应差 (a veto item, with the information requests), and consultations whose
 * 意见采纳情况反馈 is not public within the office's limit after closing towards 征集调查. Kept in inspection because
 * reporting (which inspection reads) already depends on the consultation module.
 */
@Component
class ParticipationChecks implements SelfCheckContributor {

    private final Questions questions;
    private final Consultations consultations;
    private final MessageSource messages;

    ParticipationChecks(Questions questions, Consultations consultations, MessageSource messages) {
        this.questions = questions;
        this.consultations = consultations;
        this.messages = messages;
    }

    @Override
    public List<Check> checks(LocalDate today, Thresholds.Values thresholds) {
        return List.of(questions(today, thresholds), consultations(thresholds));
    }

    private Check questions(LocalDate today, Thresholds.Values t) {
        List<Finding> findings = new ArrayList<>();
        for (Questions.Overdue q : questions.overdue()) {
            long days = q.dueOn() == null ? 0 : ChronoUnit.DAYS.between(q.dueOn(), today);
            findings.add(new Finding(text("question", q.number()), text("question.detail", q.dueOn(), q.daysOverdue()),
                    q.departmentName() == null ? "" : q.departmentName(),
                    days > t.unansweredDays() ? CheckStatus.FAIL : CheckStatus.RISK, "/admin/questions/" + q.id(), null));
        }
        CheckStatus status = findings.stream().map(Finding::status).reduce(CheckStatus.PASS, CheckStatus::worst);
        return new Check("interaction", "", true, "", "", status, findings.isEmpty() ? text("question.none") : text("question.summary", findings.size()), findings);
    }

    private Check consultations(Thresholds.Values t) {
        List<Finding> findings = new ArrayList<>();
        for (Consultations.OverdueFeedback c : consultations.overdueFeedback(t.feedbackDays())) {
            findings.add(new Finding(c.title(), text("consultation.detail", c.closedOn(), c.daysSinceClosing()),
                    c.departmentName() == null ? "" : c.departmentName(), CheckStatus.FAIL, "/admin/consultations/" + c.id(), null));
        }
        CheckStatus status = findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL;
        return new Check("consultationFeedback", "", false, "", "", status, findings.isEmpty() ? text("consultation.none") : text("consultation.summary", findings.size()), findings);
    }

    private String text(String key, Object... args) {
        return messages.getMessage("inspection.participation." + key, args, Locale.SIMPLIFIED_CHINESE);
    }
}
