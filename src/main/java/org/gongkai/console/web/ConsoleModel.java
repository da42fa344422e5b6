package org.gongkai.console.web;


import org.gongkai.console.Notifications;
import org.gongkai.identity.StaffPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in user's unread notice count into every console page's model, for the header. */
@ControllerAdvice
class ConsoleModel {

    private final Notifications notifications;

    ConsoleModel(Notifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute("unreadNotices")
    Integer unreadNotices(Authentication authentication, jakarta.servlet.http.HttpServletRequest request) {
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal me
                && request.getRequestURI().startsWith(request.getContextPath() + "/admin")) {
            return notifications.unread(me.id());
        }
        return null;
    }
}
