package org.gongkai.calendar.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.gongkai.calendar.WorkingDayCalendar;
import org.gongkai.calendar.WorkingDayCalendar.DayKind;
import org.gongkai.calendar.WorkingDayCalendar.LineError;
import org.gongkai.support.RuleViolation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** SYSADMIN keeps the holiday and 调休 dates: one at a time or a year's arrangement as CSV. */
@Controller
@RequestMapping("/admin/calendar")
class CalendarAdminController {

    private final WorkingDayCalendar calendar;
    private final Clock clock;

    CalendarAdminController(WorkingDayCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    @GetMapping
    String year(@RequestParam(required = false) @Min(1000) @Max(9999) Integer year, Model model) {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        model.addAttribute("year", y);
        model.addAttribute("days", calendar.year(y));
        model.addAttribute("years", calendar.years());
        model.addAttribute("official", calendar.officialYears().contains(y));
        model.addAttribute("provisionalDays", calendar.provisionalDays(y));
        if (!model.containsAttribute("importErrors")) {
            model.addAttribute("importErrors", List.of());
        }
        return "admin/requests/calendar";
    }

    @PostMapping("/mark")
    String mark(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                @RequestParam(required = false) DayKind kind, @RequestParam(defaultValue = "") String name,
                RedirectAttributes flash) {
        if (day == null || kind == null) {
            flash.addFlashAttribute("alert", "calendar.error.dayKind");
            return "redirect:/admin/calendar";
        }
        try {
            calendar.mark(day, kind, name);
            flash.addFlashAttribute("notice", "calendar.notice.marked");
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/calendar?year=" + day.getYear();
    }

    @PostMapping("/unmark")
    String unmark(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, RedirectAttributes flash) {
        calendar.unmark(day);
        flash.addFlashAttribute("notice", "calendar.notice.unmarked");
        return "redirect:/admin/calendar?year=" + day.getYear();
    }

    @PostMapping("/import")
    String importCsv(@RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes flash) throws IOException {
        if (file == null || file.isEmpty() || file.getSize() > 200_000) {
            flash.addFlashAttribute("alert", "calendar.error.file");
            return "redirect:/admin/calendar";
        }
        List<LineError> errors = calendar.importCsv(new String(file.getBytes(), StandardCharsets.UTF_8));
        if (errors.isEmpty()) {
            flash.addFlashAttribute("notice", "calendar.notice.imported");
        } else {
            flash.addFlashAttribute("alert", "calendar.error.import");
            flash.addFlashAttribute("importErrors", errors);
        }
        return "redirect:/admin/calendar";
    }
}
