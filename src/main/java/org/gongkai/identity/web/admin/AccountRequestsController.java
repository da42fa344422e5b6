package org.gongkai.identity.web.admin;

import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.AccountChangeRequests;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.support.RuleViolation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Requests to change an administrator's account, waiting for a second administrator (三员分立). */
@Controller
class AccountRequestsController {

    private final IdentityManagement identity;
    private final AccountChangeRequests changeRequests;

    AccountRequestsController(IdentityManagement identity, AccountChangeRequests changeRequests) {
        this.changeRequests = changeRequests;
        this.identity = identity;
    }

    @GetMapping("/admin/account-requests")
    String list(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("requests", changeRequests.pendingChangeRequests());
        model.addAttribute("me", me.id());
        return "admin/identity/account-requests";
    }

    @PostMapping("/admin/account-requests/{id}/approve")
    String approve(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        try {
            changeRequests.approveChangeRequest(id, me.id());
            flash.addFlashAttribute("notice", "accountRequest.approved");
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/account-requests";
    }

    @PostMapping("/admin/account-requests/{id}/reject")
    String reject(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        try {
            changeRequests.rejectChangeRequest(id, me.id());
            flash.addFlashAttribute("notice", "accountRequest.rejected");
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/account-requests";
    }
}
