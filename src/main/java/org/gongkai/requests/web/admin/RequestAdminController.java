package org.gongkai.requests.web.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.Valid;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.requests.ApplicantCategory;
import org.gongkai.requests.Channel;
import org.gongkai.requests.InformationRequests;
import org.gongkai.requests.RequestView;
import org.gongkai.requests.RequestHandling.ReplyCommand;
import org.gongkai.requests.RequestIntake.Upload;
import org.gongkai.requests.RequestIntake;
import org.gongkai.requests.RequestHandling;
import org.gongkai.requests.ReplyLetters;
import org.gongkai.requests.RequestReminders;
import org.gongkai.requests.NotDisclosedGround;
import org.gongkai.requests.ReplyType;
import org.gongkai.requests.RequestStatistics;
import org.gongkai.requests.web.RequestForm;
import org.gongkai.support.RuleViolation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The disclosure office's console: dashboard, intake, handling steps, replies, templates and statistics. */
@Controller
@RequestMapping("/admin/requests")
class RequestAdminController {

    private final InformationRequests requests;
    private final RequestIntake intake;
    private final RequestHandling handling;
    private final ReplyLetters letters;
    private final RequestReminders reminders;
    private final RequestStatistics statistics;
    private final IdentityManagement identity;
    private final Clock clock;

    RequestAdminController(InformationRequests requests, RequestIntake intake, RequestHandling handling, ReplyLetters letters,
                           RequestReminders reminders, RequestStatistics statistics, IdentityManagement identity, Clock clock) {
        this.intake = intake;
        this.handling = handling;
        this.letters = letters;
        this.reminders = reminders;
        this.requests = requests;
        this.statistics = statistics;
        this.identity = identity;
        this.clock = clock;
    }

    @GetMapping
    String dashboard(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("open", requests.openRequests(me));
        model.addAttribute("notifications", reminders.notifications(me));
        model.addAttribute("frequent", requests.frequentSubjects());
        return "admin/requests/dashboard";
    }

    @GetMapping("/finished")
    String finished(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(defaultValue = "0") int page, Model model) {
        int current = Math.max(0, page);
        List<RequestView> found = requests.finishedRequests(me, current);
        model.addAttribute("finished", found.stream().limit(InformationRequests.FINISHED_PAGE_SIZE).toList());
        model.addAttribute("page", current);
        model.addAttribute("hasOlder", found.size() > InformationRequests.FINISHED_PAGE_SIZE);
        return "admin/requests/finished";
    }

    @GetMapping("/new")
    String intakeForm(Model model) {
        RequestForm empty = RequestForm.empty();
        model.addAttribute("form", new RequestForm(empty.applicantKind(), null, "", "", "", "RESIDENT_ID", "", "", "", "", "", "",
                "", "PAPER", "POST", true, "LETTER", LocalDate.now(clock).toString(), null, "", ""));
        return intake(model);
    }

    @PostMapping("/new")
    String register(@Valid @ModelAttribute("form") RequestForm form, BindingResult errors,
                    @RequestParam(name = "proofFile", required = false) MultipartFile proofFile, Model model,
                    RedirectAttributes flash) throws IOException {
        Upload upload = proofFile == null || proofFile.isEmpty() ? null : new Upload(proofFile.getOriginalFilename(), proofFile.getBytes());
        Channel channel = form.channelOr(Channel.LETTER);
        var command = form.toCommand(channel, upload);
        for (RuleViolation v : RequestIntake.check(command)) {
            if (!errors.hasFieldErrors(v.field())) {
                errors.rejectValue(v.field(), v.messageKey());
            }
        }
        if (!errors.hasErrors()) {
            try {
                var registered = intake.register(command);
                model.addAttribute("submitted", registered);
                return "admin/requests/registered";
            } catch (RuleViolation v) {
                errors.rejectValue(v.field(), v.messageKey());
            }
        }
        return intake(model);
    }

    private String intake(Model model) {
        model.addAttribute("categories", Arrays.stream(ApplicantCategory.values()).filter(c -> c != ApplicantCategory.NATURAL_PERSON).toList());
        model.addAttribute("channels", List.of(Channel.LETTER, Channel.IN_PERSON, Channel.FAX, Channel.EMAIL));
        return "admin/requests/intake";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        var request = requests.request(id, me);
        model.addAttribute("request", request);
        model.addAttribute("deadlineChanges", requests.deadlineChanges(id));
        model.addAttribute("departments", identity.departmentViews().stream().filter(IdentityManagement.DepartmentView::active).toList());
        model.addAttribute("replyTypes", ReplyType.values());
        model.addAttribute("grounds", NotDisclosedGround.values());
        model.addAttribute("suggestedCorrectionDue", LocalDate.now(clock).plusDays(15));
        return "admin/requests/detail";
    }

    @GetMapping("/{id}/files/{fileId}")
    ResponseEntity<byte[]> file(@PathVariable long id, @PathVariable long fileId, @AuthenticationPrincipal StaffPrincipal me) {
        var file = requests.file(id, fileId, me);
        // the letters the office wrote open in the browser (to print); what applicants uploaded is only ever downloaded
        boolean reply = file.kind().equals("REPLY");
        boolean html = reply && file.contentType().equals("text/html");
        return ResponseEntity.ok()
                .contentType(html ? new MediaType("text", "html", StandardCharsets.UTF_8) : MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, (reply ? ContentDisposition.inline() : ContentDisposition.attachment())
                        .filename(file.filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(file.bytes());
    }

    /** Runs one handling step; a refused step comes back as an alert on the request page. */
    private String step(long id, RedirectAttributes flash, String notice, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("notice", notice);
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/requests/" + id;
    }

    @PostMapping("/{id}/assign")
    String assign(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) Long departmentId,
                  RedirectAttributes flash) {
        return step(id, flash, "request.notice.assigned",
                () -> handling.assign(id, version, departmentId == null ? -1 : departmentId));
    }

    /**
     * A step whose form has fields: a refusal comes back with the message next to its field and what was typed still in the
     * form (kept in the flash for the one redirect).
     */
    private String stepWithFields(long id, RedirectAttributes flash, String notice, String form,
                                  java.util.Map<String, String> typed, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("notice", notice);
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
            flash.addFlashAttribute("stepForm", form);
            flash.addFlashAttribute("stepField", v.field());
            flash.addFlashAttribute("stepError", v.messageKey());
            flash.addFlashAttribute("stepValues", new java.util.HashMap<>(typed));
        }
        return "redirect:/admin/requests/" + id;
    }

    private static LocalDate date(String text, String field, String messageKey) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new RuleViolation(field, messageKey);
        }
    }

    @PostMapping("/{id}/correction")
    String correction(@PathVariable long id, @RequestParam long version, @RequestParam(defaultValue = "") String note,
                      @RequestParam(defaultValue = "") String dueOn, RedirectAttributes flash) {
        return stepWithFields(id, flash, "request.notice.correctionRequested", "correction", java.util.Map.of("note", note, "dueOn", dueOn),
                () -> handling.requestCorrection(id, version, note, date(dueOn, "dueOn", "request.error.correctionDue")));
    }

    @PostMapping("/{id}/corrected")
    String corrected(@PathVariable long id, @RequestParam long version, @RequestParam(defaultValue = "") String receivedOn,
                     RedirectAttributes flash) {
        return stepWithFields(id, flash, "request.notice.corrected", "corrected", java.util.Map.of("receivedOn", receivedOn),
                () -> handling.receiveCorrection(id, version, date(receivedOn, "receivedOn", "request.error.correctedOn")));
    }

    @PostMapping("/{id}/deem-withdrawn")
    String deemWithdrawn(@PathVariable long id, @RequestParam long version, RedirectAttributes flash) {
        return step(id, flash, "request.notice.deemedWithdrawn", () -> handling.deemWithdrawn(id, version));
    }

    @PostMapping("/{id}/consultation")
    String consultation(@PathVariable long id, @RequestParam long version, @RequestParam(defaultValue = "") String party,
                        @RequestParam(defaultValue = "") String kind, RedirectAttributes flash) {
        return step(id, flash, "request.notice.consultationStarted", () -> handling.startConsultation(id, version, party, kind));
    }

    @PostMapping("/{id}/consultation/end")
    String endConsultation(@PathVariable long id, @RequestParam long version, RedirectAttributes flash) {
        return step(id, flash, "request.notice.consultationEnded", () -> handling.endConsultation(id, version));
    }

    @PostMapping("/{id}/extend")
    String extend(@PathVariable long id, @RequestParam long version, @RequestParam(defaultValue = "0") int days,
                  @RequestParam(defaultValue = "") String reason, @AuthenticationPrincipal StaffPrincipal me,
                  RedirectAttributes flash) {
        return step(id, flash, "request.notice.extended", () -> handling.extend(id, version, days, reason, me));
    }

    @PostMapping("/{id}/reply")
    String reply(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) ReplyType type,
                 @RequestParam(required = false) NotDisclosedGround ground, @RequestParam(defaultValue = "") String opinion,
                 @RequestParam(defaultValue = "issue") String mode, @AuthenticationPrincipal StaffPrincipal me,
                 RedirectAttributes flash) {
        ReplyCommand command = new ReplyCommand(type, type == ReplyType.NOT_DISCLOSED ? ground : null, opinion);
        if (mode.equals("draft")) {
            return step(id, flash, "request.notice.drafted", () -> handling.draftReply(id, version, command, me));
        }
        return step(id, flash, "request.notice.replied", () -> handling.reply(id, version, command));
    }

    @PostMapping("/{id}/close")
    String close(@PathVariable long id, @RequestParam long version, RedirectAttributes flash) {
        return step(id, flash, "request.notice.closed", () -> handling.close(id, version));
    }

    @PostMapping("/{id}/withdraw")
    String withdraw(@PathVariable long id, @RequestParam long version, @RequestParam(defaultValue = "") String note,
                    RedirectAttributes flash) {
        return step(id, flash, "request.notice.withdrawn", () -> handling.withdraw(id, version, note));
    }

    @PostMapping("/{id}/promote")
    String promote(@PathVariable long id, @RequestParam long version, RedirectAttributes flash) {
        return step(id, flash, "request.notice.promoted", () -> handling.promote(id, version));
    }

    @GetMapping("/templates")
    String templates(Model model) {
        model.addAttribute("templates", letters.templates());
        return "admin/requests/templates";
    }

    @PostMapping("/templates/{type}")
    String saveTemplate(@PathVariable String type, @RequestParam long version, @RequestParam(defaultValue = "") String body,
                        RedirectAttributes flash) {
        try {
            letters.saveTemplate(type, version, body);
            flash.addFlashAttribute("notice", "request.notice.templateSaved");
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/requests/templates";
    }

    @GetMapping("/statistics")
    String statistics(@RequestParam(required = false) Integer year, Model model) {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        model.addAttribute("year", y);
        model.addAttribute("months", statistics.byMonth(y));
        model.addAttribute("departments", statistics.byDepartment(y));
        model.addAttribute("categories", statistics.byApplicantCategory(y));
        model.addAttribute("replyTypes", statistics.byReplyType(y));
        model.addAttribute("table3", statistics.table3(y));
        return "admin/requests/statistics";
    }

    /** Table 3 figures as CSV: aggregates only, no applicant data. */
    @GetMapping(value = "/statistics.csv")
    ResponseEntity<byte[]> statisticsCsv(@RequestParam(required = false) Integer year) {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        StringBuilder csv = new StringBuilder("\uFEFFrow");
        for (ApplicantCategory c : ApplicantCategory.values()) {
            csv.append(',').append(c.name());
        }
        csv.append(",TOTAL\n");
        statistics.table3(y).forEach((row, columns) -> {
            csv.append(row.name());
            columns.values().forEach(n -> csv.append(',').append(n));
            csv.append(',').append(columns.values().stream().mapToLong(Long::longValue).sum()).append('\n');
        });
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("requests-table3-" + y + ".csv").build().toString())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
}
