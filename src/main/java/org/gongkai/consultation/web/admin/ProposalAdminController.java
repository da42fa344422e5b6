package org.gongkai.consultation.web.admin;

import java.time.Clock;
import java.time.LocalDate;

import org.gongkai.consultation.ProposalReplies;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.support.RuleViolation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 建议提案办理结果 in the console: the list and the form that drafts a reply; review happens on the edition page. */
@Controller
class ProposalAdminController {

    private final ProposalReplies replies;
    private final Clock clock;

    ProposalAdminController(ProposalReplies replies, Clock clock) {
        this.replies = replies;
        this.clock = clock;
    }

    @GetMapping("/admin/proposals")
    String list(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("replies", replies.forStaff(me));
        model.addAttribute("canDraft", me.has(Role.CLERK));
        return "admin/consultation/proposals";
    }

    @GetMapping("/admin/proposals/new")
    String newForm(Model model) {
        model.addAttribute("form", ProposalForm.empty(LocalDate.now(clock).getYear()));
        return form(model);
    }

    @PostMapping("/admin/proposals/new")
    String create(@ModelAttribute("form") ProposalForm form, BindingResult errors, @AuthenticationPrincipal StaffPrincipal me,
                  Model model, RedirectAttributes flash) {
        if (!errors.hasErrors()) {
            try {
                long editionId = replies.create(form.toInput(), me);
                flash.addFlashAttribute("notice", "proposal.saved");
                return "redirect:/admin/documents/" + editionId;
            } catch (RuleViolation v) {
                errors.rejectValue(v.field(), v.messageKey());
            }
        }
        return form(model);
    }

    private String form(Model model) {
        model.addAttribute("kinds", ProposalReplies.Kind.values());
        return "admin/consultation/proposal-form";
    }
}
