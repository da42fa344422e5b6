package org.gongkai.requests.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.gongkai.requests.ApplicantCategory;
import org.gongkai.requests.Channel;
import org.gongkai.requests.InformationRequests;
import org.gongkai.requests.RequestIntake;
import org.gongkai.requests.RequestIntake.Submitted;
import org.gongkai.requests.RequestIntake.Upload;
import org.gongkai.requests.internal.Throttle;
import org.gongkai.support.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The public request form, its one-time confirmation and the tracking page. */
@Controller
class RequestPortalController {

    /** Successful submissions per address and hour. */
    static final int SUBMISSIONS_PER_HOUR = 5;
    /** Tracking attempts per address in ten minutes. */
    static final int TRACKING_ATTEMPTS = 10;

    private final InformationRequests requests;
    private final RequestIntake intake;
    private final Throttle throttle;

    RequestPortalController(InformationRequests requests, RequestIntake intake, Throttle throttle) {
        this.intake = intake;
        this.requests = requests;
        this.throttle = throttle;
    }

    @GetMapping("/requests/new")
    String newForm(Model model) {
        model.addAttribute("form", RequestForm.empty());
        return form(model);
    }

    @PostMapping("/requests/new")
    String submit(@Valid @ModelAttribute("form") RequestForm form, BindingResult errors,
                  @RequestParam(name = "proofFile", required = false) MultipartFile proofFile, Model model,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        Upload upload = proofFile == null || proofFile.isEmpty() ? null : new Upload(proofFile.getOriginalFilename(), proofFile.getBytes());
        var command = form.toCommand(Channel.WEB, upload);
        reject(RequestIntake.check(command), errors);
        if (errors.hasErrors()) {
            return form(model);
        }
        if (!throttle.allow("submit", request.getRemoteAddr(), SUBMISSIONS_PER_HOUR, Duration.ofHours(1))) {
            response.setStatus(429);
            model.addAttribute("tooMany", true);
            return form(model);
        }
        try {
            // rendered straight from the POST rather than redirected: the query code must not rest in the session store
            Submitted submitted = intake.submit(command);
            model.addAttribute("submitted", submitted);
            return "portal/requests/submitted";
        } catch (RuleViolation v) {
            errors.rejectValue(v.field(), v.messageKey());
            return form(model);
        }
    }

    static void reject(java.util.List<RuleViolation> problems, BindingResult errors) {
        for (RuleViolation v : problems) {
            if (!errors.hasFieldErrors(v.field())) {
                errors.rejectValue(v.field(), v.messageKey());
            }
        }
    }

    private String form(Model model) {
        model.addAttribute("categories", java.util.Arrays.stream(ApplicantCategory.values())
                .filter(c -> c != ApplicantCategory.NATURAL_PERSON).toList());
        return "portal/requests/new";
    }

    @GetMapping("/requests/track")
    String trackForm() {
        return "portal/requests/track";
    }

    @PostMapping("/requests/track")
    String track(@RequestParam(defaultValue = "") String number, @RequestParam(defaultValue = "") String code, Model model,
                 HttpServletRequest request, HttpServletResponse response) {
        if (!throttle.allow("track", request.getRemoteAddr(), TRACKING_ATTEMPTS, Duration.ofMinutes(10))) {
            response.setStatus(429);
            model.addAttribute("limited", true);
            return "portal/requests/track";
        }
        var found = requests.track(number.length() > 30 ? "" : number, code.length() > 30 ? "" : code);
        if (found.isEmpty()) {
            model.addAttribute("notFound", true);
            return "portal/requests/track";
        }
        model.addAttribute("request", found.get());
        return "portal/requests/status";
    }
}
