package org.gongkai.calendar.web;

import java.time.Clock;
import java.time.LocalDate;

import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.calendar.WorkingDayCalendar;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * From 1 October, the start page of the sysadmin (who imports the arrangement) and of the disclosure office (whose deadlines
 * rest on it) says when next year's State Council holiday arrangement is still not imported.
 */
@ControllerAdvice(assignableTypes = org.gongkai.console.web.ConsoleHome.class)
class CalendarStartPanel {

    private final WorkingDayCalendar calendar;
    private final Clock clock;

    CalendarStartPanel(WorkingDayCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    @ModelAttribute("arrangementMissing")
    Integer arrangementMissing(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof StaffPrincipal me)
                || !(me.has(Role.SYSADMIN) || me.has(Role.REVIEWER) || me.has(Role.APPROVER))) {
            return null;
        }
        return calendar.missingArrangement(LocalDate.now(clock)).orElse(null);
    }
}
