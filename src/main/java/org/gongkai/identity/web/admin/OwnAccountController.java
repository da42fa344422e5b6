package org.gongkai.identity.web.admin;

import jakarta.validation.Valid;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.SecondFactors;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.identity.web.admin.AccountForms.OwnPasswordForm;
import org.gongkai.support.RuleViolation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class OwnAccountController {

    private final IdentityManagement identity;
    private final SecondFactors secondFactors;

    OwnAccountController(IdentityManagement identity, SecondFactors secondFactors) {
        this.secondFactors = secondFactors;
        this.identity = identity;
    }

    @GetMapping("/admin/account/password")
    String form(Model model) {
        model.addAttribute("form", new OwnPasswordForm("", "", ""));
        return "admin/identity/own-password";
    }

    @PostMapping("/admin/account/password")
    String change(@Valid @ModelAttribute("form") OwnPasswordForm form, BindingResult errors,
                  @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        if (!errors.hasErrors() && !form.newPassword().equals(form.confirmPassword())) {
            errors.rejectValue("confirmPassword", "password.error.confirmMismatch");
        }
        if (!errors.hasErrors()) {
            try {
                identity.changeOwnPassword(me.id(), form.currentPassword(), form.newPassword());
                flash.addFlashAttribute("notice", "account.passwordChanged");
                return "redirect:/admin";
            } catch (RuleViolation v) {
                errors.rejectValue(v.field(), v.messageKey());
            }
        }
        return "admin/identity/own-password";
    }

    /** One's own second factor: its state, or enrolment where the policy leaves it optional (clerks). */
    @GetMapping("/admin/account/second-factor")
    String secondFactor(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("form", new CodeForm(""));
        return secondFactorPage(me, model);
    }

    @PostMapping("/admin/account/second-factor")
    String enrol(@ModelAttribute("form") CodeForm form, BindingResult errors, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        try {
            model.addAttribute("recoveryCodes", secondFactors.confirmEnrolment(me.id(), form.code()));
            model.addAttribute("enrolled", true);
            return "admin/identity/own-second-factor";
        } catch (RuleViolation v) {
            errors.rejectValue("code", v.messageKey());
        }
        return secondFactorPage(me, model);
    }

    private String secondFactorPage(StaffPrincipal me, Model model) {
        boolean enrolled = secondFactors.hasSecondFactor(me.id());
        model.addAttribute("enrolled", enrolled);
        if (!enrolled) {
            SecondFactors.Enrolment enrolment = secondFactors.beginEnrolment(me.id());
            model.addAttribute("secret", enrolment.secret().replaceAll("(.{4})(?!$)", "$1 "));
            model.addAttribute("qr", "data:image/svg+xml;base64," + java.util.Base64.getEncoder()
                    .encodeToString(enrolment.qrSvg().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return "admin/identity/own-second-factor";
    }

    /** The first code from the authenticator app. */
    public record CodeForm(String code) {
    }
}
