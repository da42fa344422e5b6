package org.gongkai.identity.web.admin;

import jakarta.validation.Valid;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.SignIns;
import org.gongkai.identity.SecondFactors;
import org.gongkai.identity.IdentityManagement.ChangeOutcome;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffAccount;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.identity.web.admin.AccountForms.AccountForm;
import org.gongkai.identity.web.admin.AccountForms.NewAccountForm;
import org.gongkai.identity.web.admin.AccountForms.ResetPasswordForm;
import org.gongkai.identity.web.admin.AccountForms.RolesForm;
import org.gongkai.support.RuleViolation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/admin/users")
class AccountAdminController {

    private final IdentityManagement identity;
    private final SignIns signIns;
    private final SecondFactors secondFactors;

    AccountAdminController(IdentityManagement identity, SignIns signIns, SecondFactors secondFactors) {
        this.signIns = signIns;
        this.secondFactors = secondFactors;
        this.identity = identity;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("accounts", identity.accounts());
        model.addAttribute("departmentNames", identity.departmentNames());
        model.addAttribute("locked", signIns.lockedUsernames());
        return "admin/identity/users";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        model.addAttribute("form", NewAccountForm.empty());
        model.addAttribute("departmentNames", identity.departmentNames());
        return "admin/identity/user-new";
    }

    @PostMapping("/new")
    String create(@Valid @ModelAttribute("form") NewAccountForm form, BindingResult errors, Model model, RedirectAttributes flash) {
        if (!errors.hasErrors()) {
            try {
                StaffAccount created = identity.createAccount(form.toCommand());
                flash.addFlashAttribute("notice", "account.created");
                return "redirect:/admin/users/" + created.getId();
            } catch (RuleViolation v) {
                errors.rejectValue(v.field(), v.messageKey());
            }
        }
        model.addAttribute("departmentNames", identity.departmentNames());
        return "admin/identity/user-new";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        StaffAccount account = identity.account(id);
        model.addAttribute("account", account);
        model.addAttribute("form", AccountForm.of(account));
        model.addAttribute("passwordForm", new ResetPasswordForm(""));
        return page(model, account);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @Valid @ModelAttribute("form") AccountForm form, BindingResult errors, Model model,
                  @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        if (!errors.hasErrors()) {
            try {
                var outcome = identity.updateAccount(id, form.version(), form.toCommand(), me.id());
                flash.addFlashAttribute("notice", outcome == ChangeOutcome.REQUESTED ? "account.savedEnabledRequested" : "account.saved");
                return "redirect:/admin/users/" + id;
            } catch (RuleViolation v) {
                errors.rejectValue(v.field(), v.messageKey());
            }
        }
        StaffAccount account = identity.account(id);
        model.addAttribute("account", account);
        model.addAttribute("passwordForm", new ResetPasswordForm(""));
        return page(model, account);
    }

    @PostMapping("/{id}/password")
    String resetPassword(@PathVariable long id, @Valid @ModelAttribute("passwordForm") ResetPasswordForm form,
                         BindingResult errors, @AuthenticationPrincipal StaffPrincipal me, Model model, RedirectAttributes flash) {
        // the security administrator requests resets of administrators' passwords from the roles page
        boolean fromRolesPage = !me.has(Role.SYSADMIN);
        if (!errors.hasErrors()) {
            try {
                var outcome = identity.resetPassword(id, form.password(), me.id());
                flash.addFlashAttribute("notice", outcome == ChangeOutcome.REQUESTED ? "account.passwordResetRequested" : "account.passwordReset");
                return "redirect:/admin/users/" + id + (fromRolesPage ? "/roles" : "");
            } catch (RuleViolation v) {
                errors.rejectValue("password", v.messageKey());
            }
        }
        StaffAccount account = identity.account(id);
        if (fromRolesPage) {
            model.addAttribute("form", RolesForm.of(account));
            return rolesPage(model, account);
        }
        model.addAttribute("account", account);
        model.addAttribute("form", AccountForm.of(account));
        return page(model, account);
    }

    @PostMapping("/{id}/second-factor")
    String resetSecondFactor(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        try {
            var outcome = identity.resetSecondFactor(id, me.id());
            flash.addFlashAttribute("notice", outcome == ChangeOutcome.REQUESTED ? "totp.resetRequested" : "totp.resetDone");
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/users/" + id + "/roles";
    }

    @GetMapping("/{id}/roles")
    String roles(@PathVariable long id, Model model) {
        StaffAccount account = identity.account(id);
        model.addAttribute("form", RolesForm.of(account));
        return rolesPage(model, account);
    }

    @PostMapping("/{id}/roles")
    String grant(@PathVariable long id, @ModelAttribute("form") RolesForm form, BindingResult errors,
                 @AuthenticationPrincipal StaffPrincipal me, Model model, RedirectAttributes flash) {
        try {
            var outcome = identity.grantRoles(id, form.version(), form.roleSet(), form.coveredSet(), me.id());
            flash.addFlashAttribute("notice", outcome == ChangeOutcome.REQUESTED ? "roles.requested" : "roles.saved");
            return "redirect:/admin/users/" + id + "/roles";
        } catch (RuleViolation v) {
            errors.rejectValue(v.field(), v.messageKey());
        }
        return rolesPage(model, identity.account(id));
    }

    @PostMapping("/{id}/unlock")
    String unlock(@PathVariable long id, RedirectAttributes flash) {
        signIns.unlock(id);
        flash.addFlashAttribute("notice", "account.unlocked");
        return "redirect:/admin/users/" + id + "/roles";
    }

    private String page(Model model, StaffAccount account) {
        model.addAttribute("departmentNames", identity.departmentNames());
        model.addAttribute("lockedUntil", signIns.lockedUntil(account).orElse(null));
        model.addAttribute("administrator", account.isAdministrator());
        if (!model.containsAttribute("passwordForm")) {
            model.addAttribute("passwordForm", new ResetPasswordForm(""));
        }
        return "admin/identity/user";
    }

    private String rolesPage(Model model, StaffAccount account) {
        model.addAttribute("account", account);
        model.addAttribute("allRoles", Role.values());
        model.addAttribute("departmentNames", identity.departmentNames());
        model.addAttribute("lockedUntil", signIns.lockedUntil(account).orElse(null));
        model.addAttribute("administrator", account.isAdministrator());
        model.addAttribute("secondFactor", secondFactors.hasSecondFactor(account.getId()));
        if (!model.containsAttribute("passwordForm")) {
            model.addAttribute("passwordForm", new ResetPasswordForm(""));
        }
        return "admin/identity/user-roles";
    }
}
