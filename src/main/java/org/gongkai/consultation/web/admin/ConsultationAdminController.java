package org.gongkai.consultation.web.admin;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.gongkai.consultation.CommentChannel;
import org.gongkai.consultation.CommentDecision;
import org.gongkai.consultation.Consultations;
import org.gongkai.consultation.Consultations.Overview;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.support.RuleViolation;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The department's consultations: draft and edit one (its edition then goes through the ordinary review on the edition
 * page), read and mark the comments, and draft the 意见采纳情况反馈.
 */
@Controller
class ConsultationAdminController {

    private final Consultations consultations;
    private final Clock clock;

    ConsultationAdminController(Consultations consultations, Clock clock) {
        this.consultations = consultations;
        this.clock = clock;
    }

    @GetMapping("/admin/consultations")
    String list(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("consultations", consultations.forStaff(me));
        model.addAttribute("canDraft", me.has(Role.CLERK));
        return "admin/consultation/list";
    }

    @GetMapping("/admin/consultations/new")
    String newForm(Model model) {
        model.addAttribute("form", ConsultationForm.empty(LocalDate.now(clock), consultations.minimumDays()));
        return form(model, null);
    }

    @PostMapping("/admin/consultations/new")
    String create(@Valid @ModelAttribute("form") ConsultationForm form, BindingResult errors, @AuthenticationPrincipal StaffPrincipal me,
                  Model model, RedirectAttributes flash) {
        if (!errors.hasErrors()) {
            try {
                long id = consultations.create(form.toDraft(), me);
                flash.addFlashAttribute("notice", "consultation.saved");
                return "redirect:/admin/consultations/" + id;
            } catch (RuleViolation v) {
                reject(errors, v);
            }
        }
        return form(model, null);
    }

    @GetMapping("/admin/consultations/{id}")
    String detail(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        Overview overview = consultations.overview(id, me);
        model.addAttribute("c", overview);
        model.addAttribute("comments", consultations.comments(id, me));
        model.addAttribute("canWork", me.has(Role.CLERK) && me.departmentId() == overview.departmentId());
        model.addAttribute("channels", java.util.Arrays.stream(CommentChannel.values()).filter(ch -> ch != CommentChannel.WEB).toList());
        model.addAttribute("decisions", CommentDecision.values());
        return "admin/consultation/detail";
    }

    @GetMapping("/admin/consultations/{id}/edit")
    String edit(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        Overview overview = consultations.overview(id, me);
        model.addAttribute("form", ConsultationForm.of(overview));
        return form(model, overview);
    }

    @PostMapping("/admin/consultations/{id}/edit")
    String update(@PathVariable long id, @Valid @ModelAttribute("form") ConsultationForm form, BindingResult errors,
                  @AuthenticationPrincipal StaffPrincipal me, Model model, RedirectAttributes flash, HttpServletResponse response) {
        Overview overview = consultations.overview(id, me);
        if (!errors.hasErrors()) {
            try {
                consultations.edit(id, form.version() == null ? -1 : form.version(), form.toDraft(), me);
                flash.addFlashAttribute("notice", "consultation.saved");
                return "redirect:/admin/consultations/" + id;
            } catch (RuleViolation v) {
                reject(errors, v);
            } catch (ObjectOptimisticLockingFailureException e) {
                response.setStatus(HttpServletResponse.SC_CONFLICT);
                errors.reject("form.conflict");
            }
        }
        return form(model, overview);
    }

    @PostMapping("/admin/consultations/{id}/comments")
    String record(@PathVariable long id, @RequestParam(required = false) CommentChannel channel,
                  @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String body,
                  @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(
                          iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate receivedOn,
                  @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        try {
            String receipt = consultations.recordComment(id, channel, name, body, receivedOn, me);
            flash.addFlashAttribute("notice", "consultation.comment.recorded");
            flash.addFlashAttribute("recordedReceipt", receipt);
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/consultations/" + id + "#comments";
    }

    @PostMapping("/admin/consultations/{id}/comments/{commentId}/decision")
    String decide(@PathVariable long id, @PathVariable long commentId, @RequestParam long version,
                  @RequestParam(required = false) CommentDecision decision, @RequestParam(defaultValue = "") String reason,
                  @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        try {
            consultations.decide(id, commentId, version, decision, reason, me);
            flash.addFlashAttribute("notice", "consultation.comment.decided");
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/consultations/" + id + "#comment-" + commentId;
    }

    @PostMapping("/admin/consultations/{id}/feedback")
    String feedback(@PathVariable long id, @RequestParam(defaultValue = "") String summary,
                    @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        try {
            long editionId = consultations.draftFeedback(id, summary, me);
            flash.addFlashAttribute("notice", "consultation.feedback.drafted");
            return "redirect:/admin/documents/" + editionId;
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
            flash.addFlashAttribute("feedbackText", summary);
            return "redirect:/admin/consultations/" + id + "#feedback";
        }
    }

    private static void reject(BindingResult errors, RuleViolation v) {
        if (v.field() == null) {
            errors.reject(v.messageKey());
        } else {
            errors.rejectValue(v.field(), v.messageKey());
        }
    }

    private String form(Model model, Overview overview) {
        model.addAttribute("consultation", overview);
        model.addAttribute("minimumDays", consultations.minimumDays());
        return "admin/consultation/form";
    }
}
