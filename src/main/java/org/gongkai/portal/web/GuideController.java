package org.gongkai.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import org.gongkai.portal.DisclosureGuide;
import org.gongkai.support.RuleViolation;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** /guide and the standard catalogue /guide/matters for the public; /admin/portal/guide for SYSADMIN to edit the guide. */
@Controller
class GuideController {

    private final DisclosureGuide guide;
    private final org.gongkai.portal.PublicPageCache cache;
    private final org.gongkai.content.DisclosureMatters matters;

    GuideController(DisclosureGuide guide, org.gongkai.portal.PublicPageCache cache, org.gongkai.content.DisclosureMatters matters) {
        this.guide = guide;
        this.cache = cache;
        this.matters = matters;
    }

    @GetMapping("/guide")
    String guide(Model model) {
        model.addAttribute("sections", guide.sections());
        return "portal/guide";
    }

    /** 公开事项标准目录: what this commission must disclose, on what basis, how and when, with links to the columns. */
    @GetMapping("/guide/matters")
    String matters(Model model) {
        model.addAttribute("matters", matters.all());
        model.addAttribute("columns", matters.columns());
        return "portal/matters";
    }

    @GetMapping("/admin/portal/guide")
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('SYSADMIN')")
    String edit(Model model) {
        model.addAttribute("sections", guide.sections());
        return "admin/portal/guide";
    }

    @PostMapping("/admin/portal/guide/{id}")
    String update(@PathVariable long id, @RequestParam long version, @RequestParam(defaultValue = "") String heading,
                  @RequestParam(defaultValue = "") String body, Model model, RedirectAttributes flash, HttpServletResponse response) {
        try {
            guide.update(id, version, heading, body);
            cache.evictAll();
            flash.addFlashAttribute("notice", "guide.saved");
            return "redirect:/admin/portal/guide";
        } catch (RuleViolation v) {
            model.addAttribute("alert", v.messageKey());
        } catch (ObjectOptimisticLockingFailureException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("alert", "form.conflict");
        }
        // keep what was typed for the section that failed
        model.addAttribute("sections", guide.sections());
        model.addAttribute("failedId", id);
        model.addAttribute("typedHeading", heading);
        model.addAttribute("typedBody", body);
        return "admin/portal/guide";
    }
}
