package org.gongkai.console.web;

import org.gongkai.console.Notifications;
import org.gongkai.identity.StaffPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
class InboxController {

    private final Notifications notifications;

    InboxController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/admin/inbox")
    String inbox(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("notices", notifications.inbox(me.id(), 100));
        return "admin/console/inbox";
    }

    @PostMapping("/admin/inbox/{id}")
    String open(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me) {
        return "redirect:" + notifications.open(me.id(), id);
    }

    @PostMapping("/admin/inbox/read-all")
    String readAll(@AuthenticationPrincipal StaffPrincipal me) {
        notifications.readAll(me.id());
        return "redirect:/admin/inbox";
    }
}
