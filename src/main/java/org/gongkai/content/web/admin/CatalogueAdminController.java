package org.gongkai.content.web.admin;

import org.gongkai.content.CatalogueAdministration;
import org.gongkai.content.CatalogueAdministration.CodeList;
import org.gongkai.content.CatalogueAdministration.NodeCommand;
import org.gongkai.support.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** SYSADMIN's catalogue tree (/admin/catalogue) and code lists (/admin/codes). */
@Controller
class CatalogueAdminController {

    private final CatalogueAdministration catalogue;

    CatalogueAdminController(CatalogueAdministration catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/admin/catalogue")
    String tree(Model model) {
        model.addAttribute("nodes", catalogue.allNodes());
        return "admin/content/catalogue";
    }

    @PostMapping("/admin/catalogue")
    String create(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String name,
                  @RequestParam(required = false) Long parentId, @RequestParam(defaultValue = "0") int position,
                  @RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "false") boolean approvalRequired,
                  RedirectAttributes flash) {
        return act(flash, () -> catalogue.create(new NodeCommand(code, name, parentId, position, description, approvalRequired, false)));
    }

    @PostMapping("/admin/catalogue/{id}")
    String update(@PathVariable long id, @RequestParam(defaultValue = "") String name, @RequestParam(required = false) Long parentId,
                  @RequestParam(defaultValue = "0") int position, @RequestParam(defaultValue = "") String description,
                  @RequestParam(defaultValue = "false") boolean approvalRequired, @RequestParam(defaultValue = "false") boolean retired,
                  RedirectAttributes flash) {
        return act(flash, () -> catalogue.update(id, new NodeCommand(null, name, parentId, position, description, approvalRequired, retired)));
    }

    @PostMapping("/admin/catalogue/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes flash) {
        return act(flash, () -> catalogue.delete(id));
    }

    @GetMapping("/admin/codes")
    String codes(Model model) {
        java.util.Map<CodeList, java.util.List<CatalogueAdministration.CodeItem>> lists = new java.util.LinkedHashMap<>();
        for (CodeList list : CodeList.values()) {
            lists.put(list, catalogue.codes(list, false));
        }
        model.addAttribute("lists", lists);
        return "admin/content/codes";
    }

    @PostMapping("/admin/codes")
    String addCode(@RequestParam CodeList list, @RequestParam(defaultValue = "") String value,
                   @RequestParam(defaultValue = "") String note, RedirectAttributes flash) {
        try {
            catalogue.addCode(list, value, note);
            flash.addFlashAttribute("notice", "codes.saved");
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/codes";
    }

    @PostMapping("/admin/codes/{id}")
    String toggleCode(@PathVariable long id, @RequestParam boolean active, RedirectAttributes flash) {
        catalogue.setCodeActive(id, active);
        flash.addFlashAttribute("notice", "codes.saved");
        return "redirect:/admin/codes";
    }

    private static String act(RedirectAttributes flash, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("notice", "catalogue.saved");
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/catalogue";
    }
}
