package org.gongkai.content.web.admin;

import org.gongkai.content.DisclosureMatters;
import org.gongkai.content.DisclosureMatters.Cadence;
import org.gongkai.content.DisclosureMatters.Matter;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.support.RuleViolation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** SYSADMIN's 公开事项标准目录: list and edit. */
@Controller
@PreAuthorize("hasRole('SYSADMIN')")
class MatterAdminController {

    private final DisclosureMatters matters;
    private final IdentityManagement identity;

    MatterAdminController(DisclosureMatters matters, IdentityManagement identity) {
        this.matters = matters;
        this.identity = identity;
    }

    @GetMapping("/admin/matters")
    String list(Model model) {
        model.addAttribute("matters", matters.all());
        return "admin/content/matters";
    }

    @GetMapping("/admin/matters/{id}")
    String edit(@PathVariable long id, Model model) {
        model.addAttribute("m", matters.one(id));
        return form(model);
    }

    @PostMapping("/admin/matters/{id}")
    String update(@PathVariable long id, @RequestParam long version, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String legalBasis, @RequestParam(defaultValue = "") String content,
                  @RequestParam long departmentId, @RequestParam(defaultValue = "") String timeLimit,
                  @RequestParam(required = false) Integer timeLimitWorkingDays, @RequestParam(defaultValue = "") String methods,
                  @RequestParam(defaultValue = "") String level, @RequestParam(defaultValue = "") String stage,
                  @RequestParam(required = false) Cadence cadence, @RequestParam(defaultValue = "") String yearlyDue, Model model, RedirectAttributes flash) {
        Matter typed = new Matter(id, name, legalBasis, content, departmentId, "", timeLimit, timeLimitWorkingDays, methods, level,
                stage, cadence, yearlyDue, version);
        try {
            matters.update(id, version, typed);
            flash.addFlashAttribute("notice", "matter.saved");
            return "redirect:/admin/matters";
        } catch (RuleViolation v) {
            model.addAttribute("alert", v.messageKey());
            model.addAttribute("m", typed);
            return form(model);
        }
    }

    private String form(Model model) {
        model.addAttribute("departments", identity.departmentNames());
        model.addAttribute("levels", DisclosureMatters.LEVELS);
        model.addAttribute("stages", DisclosureMatters.STAGES);
        model.addAttribute("cadences", Cadence.values());
        return "admin/content/matter";
    }
}
