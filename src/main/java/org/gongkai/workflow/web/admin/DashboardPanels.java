package org.gongkai.workflow.web.admin;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gongkai.content.ContentManagement;
import org.gongkai.content.EditionState;
import org.gongkai.content.EditionView;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.workflow.EditionWorkflow;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The workflow's panels on the console start page (工作台), per role: the clerk's drafts and returned editions, the reviewer's
 * queue and force-published items awaiting retrospective review, the approver's queue and schedule, counts for the sysadmin.
 */
@ControllerAdvice(assignableTypes = org.gongkai.console.web.ConsoleHome.class)
class DashboardPanels {

    private final ContentManagement content;
    private final EditionWorkflow workflow;

    DashboardPanels(ContentManagement content, EditionWorkflow workflow) {
        this.content = content;
        this.workflow = workflow;
    }

    /** What the start page shows; empty lists for roles the user does not hold. */
    record Dashboard(List<EditionView> myDrafts, List<EditionView> returned, List<EditionView> toReview, List<EditionView> retrospective,
                     List<EditionView> toApprove, List<EditionView> scheduled, Map<String, Map<EditionState, Long>> countsByDepartment) {
    }

    @ModelAttribute("dashboard")
    Dashboard dashboard(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof StaffPrincipal me)) {
            return null;
        }
        List<EditionView> mine = me.has(Role.CLERK)
                ? content.forStaff(me, EnumSet.of(EditionState.DRAFT, EditionState.RETURNED)).stream()
                        .filter(e -> e.departmentId() == me.departmentId()).toList()
                : List.of();
        List<EditionView> toReview = me.has(Role.REVIEWER)
                ? content.inStates(EnumSet.of(EditionState.SUBMITTED)).stream().filter(e -> me.covers(e.departmentId())).toList()
                : List.of();
        List<EditionView> retrospective = me.has(Role.REVIEWER)
                ? workflow.awaitingRetrospectiveReview().stream().map(content::view).filter(e -> me.covers(e.departmentId())).toList()
                : List.of();
        List<EditionView> toApprove = me.has(Role.APPROVER)
                ? content.inStates(EnumSet.of(EditionState.REVIEWED)).stream()
                        .filter(e -> e.approvalRequired() && me.covers(e.departmentId())).toList()
                : List.of();
        List<EditionView> scheduled = me.has(Role.APPROVER) || me.has(Role.REVIEWER)
                ? content.inStates(EnumSet.of(EditionState.SCHEDULED)).stream().filter(e -> me.covers(e.departmentId())).toList()
                : List.of();
        Map<String, Map<EditionState, Long>> counts = new java.util.TreeMap<>();
        if (me.has(Role.SYSADMIN)) {
            for (EditionView e : content.inStates(EnumSet.allOf(EditionState.class))) {
                counts.computeIfAbsent(e.departmentName(), d -> new java.util.EnumMap<>(EditionState.class)).merge(e.state(), 1L, Long::sum);
            }
        }
        return new Dashboard(mine.stream().filter(e -> e.state() == EditionState.DRAFT).toList(),
                mine.stream().filter(e -> e.state() == EditionState.RETURNED).toList(), toReview, retrospective, toApprove, scheduled,
                counts);
    }
}
