package org.gongkai.identity.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.SignIns;
import org.gongkai.identity.SecondFactors;
import org.gongkai.identity.SignIns.SignInStep;
import org.gongkai.identity.internal.SignInFlow;
import org.gongkai.identity.internal.SignInFlow.Pending;
import org.gongkai.support.RuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** The steps after a correct password: the second-factor code, enrolling an authenticator app, and a due new password. */
@Controller
class SignInStepsController {

    /** The code typed from the authenticator app, or a recovery code. */
    public record CodeForm(String code) {
    }

    public record NewPasswordForm(String newPassword, String confirmPassword) {
    }

    private final IdentityManagement identity;
    private final SignIns signIns;
    private final SecondFactors secondFactors;
    private final SignInFlow signIn;

    SignInStepsController(IdentityManagement identity, SignIns signIns, SecondFactors secondFactors, SignInFlow signIn) {
        this.signIns = signIns;
        this.secondFactors = secondFactors;
        this.identity = identity;
        this.signIn = signIn;
    }

    @GetMapping("/login/next")
    String next(HttpServletRequest request, HttpServletResponse response) {
        return signIn.pending(request).map(p -> "redirect:" + signIn.next(p, request, response)).orElse("redirect:/login");
    }

    // ---- the code ----

    @GetMapping("/login/code")
    String codeForm(HttpServletRequest request, Model model) {
        Optional<Pending> pending = at(request, SignInStep.SECOND_FACTOR);
        if (pending.isEmpty()) {
            return "redirect:/login/next";
        }
        model.addAttribute("form", new CodeForm(""));
        return "identity/login-code";
    }

    @PostMapping("/login/code")
    String code(@ModelAttribute("form") CodeForm form, BindingResult errors, HttpServletRequest request,
                HttpServletResponse response) {
        Optional<Pending> pending = at(request, SignInStep.SECOND_FACTOR);
        if (pending.isEmpty()) {
            return "redirect:/login/next";
        }
        return switch (secondFactors.checkSecondFactor(pending.get().accountId(), form.code())) {
            case ACCEPTED -> "redirect:" + signIn.next(pending.get().withSecondFactorDone(), request, response);
            case LOCKED -> {
                signIn.abandon(request);
                yield "redirect:/login?locked";
            }
            case REFUSED -> {
                errors.rejectValue("code", "totp.error.code");
                yield "identity/login-code";
            }
        };
    }

    // ---- enrolment ----

    @GetMapping("/login/enrol")
    String enrolForm(HttpServletRequest request, Model model) {
        Optional<Pending> pending = at(request, SignInStep.ENROL_SECOND_FACTOR);
        if (pending.isEmpty()) {
            return "redirect:/login/next";
        }
        model.addAttribute("form", new CodeForm(""));
        return enrolPage(pending.get(), model);
    }

    @PostMapping("/login/enrol")
    String enrol(@ModelAttribute("form") CodeForm form, BindingResult errors, HttpServletRequest request, Model model) {
        Optional<Pending> pending = at(request, SignInStep.ENROL_SECOND_FACTOR);
        if (pending.isEmpty()) {
            return "redirect:/login/next";
        }
        try {
            model.addAttribute("recoveryCodes", secondFactors.confirmEnrolment(pending.get().accountId(), form.code()));
        } catch (RuleViolation v) {
            errors.rejectValue("code", v.messageKey());
            return enrolPage(pending.get(), model);
        }
        signIn.hold(request, pending.get().withSecondFactorDone());
        // shown once, in this answer only: the codes are kept as hashes
        return "identity/login-recovery-codes";
    }

    private String enrolPage(Pending pending, Model model) {
        SecondFactors.Enrolment enrolment = secondFactors.beginEnrolment(pending.accountId());
        model.addAttribute("secret", enrolment.secret().replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("qr", "data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(enrolment.qrSvg().getBytes(StandardCharsets.UTF_8)));
        model.addAttribute("username", pending.username());
        return "identity/login-enrol";
    }

    // ---- a new password ----

    @GetMapping("/login/password")
    String passwordForm(HttpServletRequest request, Model model) {
        Optional<Pending> pending = at(request, SignInStep.CHANGE_PASSWORD);
        if (pending.isEmpty()) {
            return "redirect:/login/next";
        }
        model.addAttribute("form", new NewPasswordForm("", ""));
        return passwordPage(pending.get(), model);
    }

    @PostMapping("/login/password")
    String password(@ModelAttribute("form") NewPasswordForm form, BindingResult errors, HttpServletRequest request,
                    HttpServletResponse response, Model model) {
        Optional<Pending> pending = at(request, SignInStep.CHANGE_PASSWORD);
        if (pending.isEmpty()) {
            return "redirect:/login/next";
        }
        if (form.newPassword() == null || form.newPassword().isEmpty()) {
            errors.rejectValue("newPassword", "password.error.length");
        } else if (!form.newPassword().equals(form.confirmPassword())) {
            errors.rejectValue("confirmPassword", "password.error.confirmMismatch");
        } else {
            try {
                signIns.changePasswordAtSignIn(pending.get().accountId(), form.newPassword());
                return "redirect:" + signIn.next(pending.get(), request, response);
            } catch (RuleViolation v) {
                errors.rejectValue(v.field(), v.messageKey());
            }
        }
        return passwordPage(pending.get(), model);
    }

    private String passwordPage(Pending pending, Model model) {
        model.addAttribute("setByOther", signIns.passwordSetByOther(pending.accountId()));
        return "identity/login-password";
    }

    /** The pending sign-in, if its next step is this one. */
    private Optional<Pending> at(HttpServletRequest request, SignInStep step) {
        return signIn.pending(request).filter(p -> signIns.nextSignInStep(p.accountId(), p.secondFactorDone()) == step);
    }
}
