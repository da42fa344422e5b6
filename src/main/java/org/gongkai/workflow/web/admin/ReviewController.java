package org.gongkai.workflow.web.admin;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import org.gongkai.content.ContentManagement;
import org.gongkai.content.EditionState;
import org.gongkai.content.EditionView;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.support.RuleViolation;
import org.gongkai.workflow.Checklist;
import org.gongkai.workflow.EditionWorkflow;
import org.gongkai.workflow.WorkflowFacts;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The reviewers' queue (保密审查), the review page and the printable 保密审查单; the approvers' queue (局领导审定). */
@Controller
class ReviewController {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final ContentManagement content;
    private final org.gongkai.content.Attachments attachments;
    private final EditionWorkflow workflow;
    private final Clock clock;
    private final org.gongkai.calendar.WorkingDayCalendar calendar;

    ReviewController(ContentManagement content, org.gongkai.content.Attachments attachments, EditionWorkflow workflow, Clock clock,
                     org.gongkai.calendar.WorkingDayCalendar calendar) {
        this.calendar = calendar;
        this.content = content;
        this.attachments = attachments;
        this.workflow = workflow;
        this.clock = clock;
    }

    /** A queue line: the edition, its workflow facts, and the weekdays it has waited since submission. */
    record QueueItem(EditionView edition, WorkflowFacts facts, long waitedDays) {
    }

    /** Working days waited, by the State Council holiday calendar (调休 Saturdays count, holidays do not). */
    private QueueItem item(EditionView v, org.gongkai.calendar.WorkingDayCalendar.Rules calendar) {
        WorkflowFacts facts = workflow.facts(v.editionId());
        long waited = facts.submittedAt() == null ? 0 : Math.max(0, calendar.workingDaysBetween(
                facts.submittedAt().atZone(CHINA).toLocalDate(), java.time.LocalDate.now(clock.withZone(CHINA))));
        return new QueueItem(v, facts, waited);
    }

    @GetMapping("/admin/review")
    @PreAuthorize("hasRole('REVIEWER')")
    String reviewQueue(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("queue", queue(me, EnumSet.of(EditionState.SUBMITTED), false));
        model.addAttribute("retrospective", workflow.awaitingRetrospectiveReview().stream()
                .map(content::view).filter(v -> me.covers(v.departmentId()))
                .map(v -> item(v, calendar.rules())).toList());
        return "admin/workflow/review-queue";
    }

    @GetMapping("/admin/approval")
    @PreAuthorize("hasRole('APPROVER')")
    String approvalQueue(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("queue", queue(me, EnumSet.of(EditionState.REVIEWED), true));
        model.addAttribute("scheduled", queue(me, EnumSet.of(EditionState.SCHEDULED), false));
        return "admin/workflow/approval-queue";
    }

    private List<QueueItem> queue(StaffPrincipal me, EnumSet<EditionState> states, boolean approvalOnly) {
        var rules = calendar.rules();
        return content.inStates(states).stream()
                .filter(v -> me.covers(v.departmentId()))
                .filter(v -> !approvalOnly || v.approvalRequired())
                .map(v -> item(v, rules))
                .sorted(java.util.Comparator.comparing(q -> q.facts().submittedAt() == null ? q.edition().updatedAt() : q.facts().submittedAt()))
                .toList();
    }

    @GetMapping({"/admin/review/{id}", "/admin/approval/{id}"})
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER')")
    String reviewPage(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        EditionView edition = content.viewFor(id, me);
        model.addAttribute("e", edition);
        model.addAttribute("facts", workflow.facts(id));
        model.addAttribute("reviews", workflow.reviews(id));
        var check = workflow.personalData(id);
        model.addAttribute("hits", check.hits());
        model.addAttribute("unchecked", check.unchecked());
        model.addAttribute("attachments", attachments.list(id));
        model.addAttribute("actions", workflow.allowedActions(id, me));
        model.addAttribute("reviewer", me.has(Role.REVIEWER));
        return "admin/workflow/review";
    }

    @PostMapping("/admin/review/{id}/pass")
    String pass(@PathVariable long id, @RequestParam(defaultValue = "false") boolean noStateSecrets,
                @RequestParam(defaultValue = "false") boolean noWorkSecrets, @RequestParam(defaultValue = "false") boolean privacyHandled,
                @RequestParam(defaultValue = "false") boolean noCommercialSecrets,
                @RequestParam(defaultValue = "false") boolean noSecurityRisk,
                @RequestParam(defaultValue = "false") boolean attributeCorrect, @RequestParam(defaultValue = "") String opinion,
                @RequestParam(defaultValue = "") String personalDataNote,
                @RequestParam(defaultValue = "false") boolean uncheckedConfirmed,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime publishAt,
                @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        Checklist checklist = new Checklist(noStateSecrets, noWorkSecrets, privacyHandled, noCommercialSecrets, noSecurityRisk,
                attributeCorrect);
        try {
            workflow.passReview(id, checklist, opinion, personalDataNote, uncheckedConfirmed,
                    publishAt == null ? null : publishAt.atZone(CHINA).toInstant(), me);
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
            flash.addFlashAttribute("opinion", opinion);
            return "redirect:/admin/review/" + id;
        }
        flash.addFlashAttribute("notice", "workflow.reviewPassed");
        return "redirect:/admin/review";
    }

    @PostMapping("/admin/review/{id}/retrospective")
    String retrospective(@PathVariable long id, @RequestParam(defaultValue = "false") boolean noStateSecrets,
                         @RequestParam(defaultValue = "false") boolean noWorkSecrets,
                         @RequestParam(defaultValue = "false") boolean privacyHandled,
                         @RequestParam(defaultValue = "false") boolean noCommercialSecrets,
                         @RequestParam(defaultValue = "false") boolean noSecurityRisk,
                         @RequestParam(defaultValue = "false") boolean attributeCorrect,
                         @RequestParam(defaultValue = "") String opinion, @AuthenticationPrincipal StaffPrincipal me,
                         RedirectAttributes flash) {
        try {
            workflow.retrospectiveReview(id, new Checklist(noStateSecrets, noWorkSecrets, privacyHandled, noCommercialSecrets,
                    noSecurityRisk, attributeCorrect), opinion, me);
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
            return "redirect:/admin/review/" + id;
        }
        flash.addFlashAttribute("notice", "workflow.retrospectiveDone");
        return "redirect:/admin/review";
    }

    @PostMapping({"/admin/review/{id}/return", "/admin/approval/{id}/return"})
    String returnEdition(@PathVariable long id, @RequestParam(defaultValue = "") String reason,
                         @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        try {
            workflow.returnEdition(id, reason, me);
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
            return "redirect:/admin/review/" + id;
        }
        flash.addFlashAttribute("notice", "workflow.returned");
        return "redirect:" + (me.has(Role.REVIEWER) ? "/admin/review" : "/admin/approval");
    }

    @PostMapping("/admin/approval/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(defaultValue = "") String opinion,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime publishAt,
                   @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        workflow.approve(id, opinion, publishAt == null ? null : publishAt.atZone(CHINA).toInstant(), me);
        flash.addFlashAttribute("notice", publishAt == null ? "workflow.approvedPublished" : "workflow.approvedScheduled");
        return "redirect:/admin/approval";
    }

    /** The 保密审查单 as offices file it: one A4 page with the edition, the checklist, the opinion and the reviewer. */
    @GetMapping("/admin/review/{id}/sheet")
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'CLERK')")
    String sheet(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        EditionView edition = content.viewFor(id, me);
        model.addAttribute("e", edition);
        model.addAttribute("facts", workflow.facts(id));
        model.addAttribute("reviews", workflow.reviews(id));
        model.addAttribute("printedAt", LocalDateTime.now(clock.withZone(CHINA)));
        return "admin/workflow/sheet";
    }
}
