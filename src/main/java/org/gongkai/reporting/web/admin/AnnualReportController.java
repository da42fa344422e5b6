package org.gongkai.reporting.web.admin;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.reporting.AnnualReport;
import org.gongkai.reporting.AnnualReports;
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

/** The office's annual reports: generate a year's, edit its texts and entered figures, then submit it like any item. */
@Controller
class AnnualReportController {

    private final AnnualReports reports;
    private final Clock clock;

    AnnualReportController(AnnualReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping("/admin/reports/annual")
    String list(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        int thisYear = LocalDate.now(clock).getYear();
        model.addAttribute("reports", reports.all(me));
        model.addAttribute("thisYear", thisYear);
        model.addAttribute("defaultYear", reports.defaultYear());
        model.addAttribute("canGenerate", me.has(org.gongkai.identity.Role.CLERK));
        return "admin/reporting/reports";
    }

    @PostMapping("/admin/reports/annual/generate")
    String generate(@RequestParam int year, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        try {
            reports.generate(year, me);
            flash.addFlashAttribute("notice", "report.generated");
            return "redirect:/admin/reports/annual/" + year;
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
            return "redirect:/admin/reports/annual";
        }
    }

    @GetMapping("/admin/reports/annual/{year}")
    String edit(@PathVariable int year, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        AnnualReports.Editing editing = reports.editing(year, me);
        model.addAttribute("form", ReportForm.of(editing.report(), editing.version()));
        return page(model, editing);
    }

    @PostMapping("/admin/reports/annual/{year}")
    String save(@PathVariable int year, @Valid @ModelAttribute("form") ReportForm form, BindingResult errors,
                @AuthenticationPrincipal StaffPrincipal me, Model model, RedirectAttributes flash, HttpServletResponse response) {
        if (!errors.hasErrors()) {
            try {
                reports.save(year, form.version() == null ? -1 : form.version(), form.toInput(), me);
                flash.addFlashAttribute("notice", "report.saved");
                return "redirect:/admin/reports/annual/" + year;
            } catch (RuleViolation v) {
                if (v.field() == null) {
                    errors.reject(v.messageKey());
                } else {
                    errors.rejectValue(v.field(), v.messageKey());
                }
            } catch (ObjectOptimisticLockingFailureException e) {
                response.setStatus(HttpServletResponse.SC_CONFLICT);
                errors.reject("form.conflict");
            }
        }
        return page(model, reports.editing(year, me));
    }

    private String page(Model model, AnnualReports.Editing editing) {
        model.addAttribute("editing", editing);
        int year = editing.report().year();
        model.addAttribute("firstSubmissionDay", AnnualReports.firstSubmissionDay(year));
        model.addAttribute("reportDueOn", AnnualReports.dueOn(year));
        model.addAttribute("yearEnded", !LocalDate.now(clock).isBefore(AnnualReports.firstSubmissionDay(year)));
        model.addAttribute("report", editing.report());
        model.addAttribute("groups", AnnualReport.TABLE4_GROUPS);
        model.addAttribute("cells", AnnualReport.TABLE4_CELLS);
        return "admin/reporting/report";
    }
}
