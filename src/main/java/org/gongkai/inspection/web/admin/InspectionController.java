package org.gongkai.inspection.web.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import jakarta.validation.Valid;
import org.gongkai.content.ColumnCadence;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.inspection.SiteInspection;
import org.gongkai.inspection.TextChecks;
import org.gongkai.inspection.Thresholds;
import org.gongkai.inspection.InspectionRuns;
import org.gongkai.support.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 网站自查 in the console: the checks, the columns' cadence, the links, the settings (thresholds and the text-check list). */
@Controller
class InspectionController {

    private final SiteInspection inspection;
    private final ColumnCadence cadence;
    private final Thresholds thresholds;
    private final TextChecks texts;
    private final InspectionRuns runs;
    private final Clock clock;

    InspectionController(SiteInspection inspection, ColumnCadence cadence, Thresholds thresholds, TextChecks texts, InspectionRuns runs,
                         Clock clock) {
        this.inspection = inspection;
        this.cadence = cadence;
        this.thresholds = thresholds;
        this.texts = texts;
        this.runs = runs;
        this.clock = clock;
    }

    @GetMapping("/admin/inspection")
    String page(Model model) {
        model.addAttribute("result", inspection.today());
        return "admin/inspection/inspection";
    }

    @PostMapping("/admin/inspection/crawl")
    String crawl(RedirectAttributes flash) {
        flash.addFlashAttribute("notice", runs.crawlNow() ? "inspection.crawled" : "inspection.crawlBusy");
        return "redirect:/admin/inspection";
    }

    @GetMapping("/admin/inspection/links")
    String links(@RequestParam(defaultValue = "false") boolean all, Model model) {
        var links = inspection.linkStates();
        // dead links first
        model.addAttribute("links", all ? links.stream().sorted(java.util.Comparator.comparing((SiteInspection.LinkState l) -> !l.dead())).toList()
                : links.stream().filter(SiteInspection.LinkState::dead).toList());
        model.addAttribute("total", links.size());
        model.addAttribute("all", all);
        model.addAttribute("crawl", inspection.lastCrawl().orElse(null));
        return "admin/inspection/links";
    }

    @GetMapping("/admin/inspection/columns")
    String columns(Model model) {
        model.addAttribute("columns", inspection.columns(LocalDate.now(clock)));
        return "admin/inspection/columns";
    }

    @GetMapping("/admin/inspection/columns/{id}")
    String column(@PathVariable long id, Model model) {
        SiteInspection.ColumnState state = state(id);
        model.addAttribute("state", state);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", CadenceForm.of(state.column()));
        }
        model.addAttribute("kinds", ColumnCadence.Kind.values());
        return "admin/inspection/column";
    }

    @PostMapping("/admin/inspection/columns/{id}")
    String saveColumn(@PathVariable long id, @Valid @ModelAttribute("form") CadenceForm form, BindingResult errors, Model model,
                      RedirectAttributes flash) {
        if (!errors.hasErrors()) {
            try {
                cadence.change(id, form.toCommand());
                flash.addFlashAttribute("notice", "cadence.saved");
                return "redirect:/admin/inspection/columns/" + id;
            } catch (RuleViolation v) {
                errors.rejectValue(v.field(), v.messageKey());
            }
        }
        model.addAttribute("state", state(id));
        model.addAttribute("kinds", ColumnCadence.Kind.values());
        return "admin/inspection/column";
    }

    private SiteInspection.ColumnState state(long id) {
        return inspection.columns(LocalDate.now(clock)).stream().filter(c -> c.column().id() == id).findFirst()
                .orElseThrow(NotFoundException::new);
    }

    @GetMapping("/admin/inspection/settings")
    String settings(Model model) {
        model.addAttribute("thresholds", thresholds.list());
        model.addAttribute("terms", texts.terms());
        model.addAttribute("categories", TextChecks.Category.values());
        return "admin/inspection/settings";
    }

    @PostMapping("/admin/inspection/settings")
    String saveSettings(@RequestParam Map<String, String> values, Model model, RedirectAttributes flash) {
        try {
            thresholds.change(values);
        } catch (RuleViolation v) {
            model.addAttribute("errorField", v.field());
            model.addAttribute("errorKey", v.messageKey());
            model.addAttribute("entered", values);
            return settings(model);
        }
        flash.addFlashAttribute("notice", "inspection.settingsSaved");
        return "redirect:/admin/inspection/settings";
    }

    @PostMapping("/admin/inspection/terms")
    String addTerm(@RequestParam(defaultValue = "") String wrong, @RequestParam(defaultValue = "") String correct,
                   @RequestParam(required = false) TextChecks.Category category, Model model, RedirectAttributes flash) {
        try {
            texts.add(wrong, correct, category);
        } catch (RuleViolation v) {
            model.addAttribute("termErrorField", v.field());
            model.addAttribute("termErrorKey", v.messageKey());
            model.addAttribute("termWrong", wrong);
            model.addAttribute("termCorrect", correct);
            return settings(model);
        }
        flash.addFlashAttribute("notice", "inspection.termAdded");
        return "redirect:/admin/inspection/settings#terms";
    }

    @PostMapping("/admin/inspection/terms/{id}/active")
    String termActive(@PathVariable long id, @RequestParam(defaultValue = "false") boolean active, RedirectAttributes flash) {
        texts.setActive(id, active);
        flash.addFlashAttribute("notice", "inspection.termChanged");
        return "redirect:/admin/inspection/settings#terms";
    }
}
