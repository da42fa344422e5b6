package org.gongkai.content.web.admin;

import java.util.EnumSet;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.gongkai.content.ContentManagement;
import org.gongkai.content.EditionState;
import org.gongkai.content.EditionView;
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

/** The clerk's documents: list, draft, edit. The edition page with its workflow actions is the workflow's. */
@Controller
class DocumentAdminController {

    private final ContentManagement content;
    private final org.gongkai.content.CatalogueAdministration codes;
    private final org.gongkai.requests.RequestHandling requests;

    DocumentAdminController(ContentManagement content, org.gongkai.content.CatalogueAdministration codes,
                            org.gongkai.requests.RequestHandling requests) {
        this.content = content;
        this.requests = requests;
        this.codes = codes;
    }

    private List<String> values(org.gongkai.content.CatalogueAdministration.CodeList list) {
        return codes.codes(list, true).stream().map(org.gongkai.content.CatalogueAdministration.CodeItem::value).toList();
    }

    @GetMapping("/admin/documents")
    String list(@RequestParam(required = false) EditionState state, @RequestParam(defaultValue = "") String q,
                @AuthenticationPrincipal StaffPrincipal me, Model model) {
        List<EditionView> editions = content.forStaff(me, state == null ? EnumSet.allOf(EditionState.class) : EnumSet.of(state));
        String query = q.strip();
        if (!query.isEmpty()) {
            editions = editions.stream().filter(e -> e.title().contains(query)
                    || (e.documentNumber() != null && e.documentNumber().contains(query))).toList();
        }
        model.addAttribute("editions", editions);
        model.addAttribute("states", EditionState.values());
        model.addAttribute("state", state);
        model.addAttribute("q", query);
        return "admin/content/documents";
    }

    /** A new draft; one for a request promoted to proactive disclosure (条例第44条) starts with the information's name. */
    @GetMapping("/admin/documents/new")
    String newForm(@RequestParam(required = false) String fromRequest, Model model) {
        DraftForm form = DraftForm.empty();
        if (fromRequest != null) {
            form = requests.promotion(fromRequest).map(p -> DraftForm.empty().prefilled(cut(p.title(), 300),
                    cut("根据政府信息公开申请（编号 " + p.requestNumber() + "）转为主动公开。", 200))).orElse(form);
        }
        model.addAttribute("form", form);
        return form(model, null);
    }

    @PostMapping("/admin/documents/new")
    String create(@Valid @ModelAttribute("form") DraftForm form, BindingResult errors, @AuthenticationPrincipal StaffPrincipal me,
                  Model model, RedirectAttributes flash) {
        if (!errors.hasErrors()) {
            try {
                EditionView created = content.createDraft(form.toInput(), me);
                flash.addFlashAttribute("notice", "content.saved");
                return "redirect:/admin/documents/" + created.editionId();
            } catch (RuleViolation v) {
                reject(errors, v);
            }
        }
        return form(model, null);
    }

    @GetMapping("/admin/documents/{id}/edit")
    String edit(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        EditionView view = content.viewFor(id, me);
        model.addAttribute("form", DraftForm.of(view));
        return form(model, view);
    }

    @PostMapping("/admin/documents/{id}/edit")
    String update(@PathVariable long id, @Valid @ModelAttribute("form") DraftForm form, BindingResult errors,
                  @AuthenticationPrincipal StaffPrincipal me, Model model, RedirectAttributes flash, HttpServletResponse response) {
        EditionView current = content.viewFor(id, me);
        if (!errors.hasErrors()) {
            try {
                content.editDraft(id, form.version(), form.toInput(), me);
                flash.addFlashAttribute("notice", "content.saved");
                return "redirect:/admin/documents/" + id;
            } catch (RuleViolation v) {
                reject(errors, v);
            } catch (ObjectOptimisticLockingFailureException e) {
                // keep what the clerk typed, and show both titles so they can reconcile
                response.setStatus(HttpServletResponse.SC_CONFLICT);
                EditionView latest = content.viewFor(id, me);
                model.addAttribute("conflictTitle", latest.title());
                model.addAttribute("latestVersion", latest.version());
                errors.reject("form.conflict");
            }
        }
        return form(model, current);
    }

    private static String cut(String text, int max) {
        String stripped = text.strip();
        return stripped.length() > max ? stripped.substring(0, max) : stripped;
    }

    private static void reject(BindingResult errors, RuleViolation v) {
        if (v.field() == null) {
            errors.reject(v.messageKey());
        } else {
            errors.rejectValue(v.field(), v.messageKey());
        }
    }

    private String form(Model model, EditionView edition) {
        model.addAttribute("edition", edition);
        model.addAttribute("nodes", content.catalogue());
        model.addAttribute("genres", values(org.gongkai.content.CatalogueAdministration.CodeList.GENRE));
        model.addAttribute("topics", values(org.gongkai.content.CatalogueAdministration.CodeList.TOPIC));
        model.addAttribute("attributes", values(org.gongkai.content.CatalogueAdministration.CodeList.ATTRIBUTE));
        return "admin/content/form";
    }
}
