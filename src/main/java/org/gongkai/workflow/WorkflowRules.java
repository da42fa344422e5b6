package org.gongkai.workflow;

import java.util.Optional;
import java.util.Set;

import org.gongkai.content.EditionState;
import org.gongkai.identity.Role;

/**
 * Decides whether an actor may take an action on an edition: the action's table row, then department coverage, then
 * separation of duties. Returns the message key of the refusal, or empty when the action is allowed.
 */
public final class WorkflowRules {

    private WorkflowRules() {
    }

    /** Who is acting. {@code coveredDepartments} empty means "covers every department". */
    public record Actor(long accountId, Set<Role> roles, long departmentId, Set<Long> coveredDepartments) {

        public boolean covers(long department) {
            return coveredDepartments.isEmpty() || coveredDepartments.contains(department);
        }
    }

    /** The facts about an edition the rules need. Null ids mean "nobody yet". */
    public record Subject(EditionState state, long departmentId, Long submittedBy, Long reviewedBy, boolean approvalRequired) {
    }

    /** Why an action is refused; {@code conflict} is true when only the state is wrong (HTTP 409 rather than 403). */
    public record Refusal(String messageKey, boolean conflict) {
    }

    public static Optional<Refusal> check(EditionAction action, Actor actor, Subject edition) {
        if (action.systemOnly()) {
            return Optional.of(new Refusal("workflow.refused.system", false));
        }
        if (actor.roles().stream().noneMatch(action.roles()::contains)) {
            return Optional.of(new Refusal("workflow.refused.role", false));
        }
        if (!action.from().contains(edition.state())) {
            return Optional.of(new Refusal("workflow.refused.state", true));
        }
        boolean ownDepartment = actor.departmentId() == edition.departmentId();
        boolean inScope = false;
        boolean acting = false;
        for (Role role : action.roles()) {
            if (actor.roles().contains(role) && (role == Role.CLERK ? ownDepartment : actor.covers(edition.departmentId()))) {
                inScope = true;
                acting = acting || roleMayAct(action, role, edition);
            }
        }
        if (!acting) {
            return Optional.of(new Refusal(inScope ? "workflow.refused.step" : "workflow.refused.department", false));
        }
        // 先审查、后公开 and 三审 separation: nobody reviews or approves what they submitted; the reviewer does not approve it too
        boolean decides = action == EditionAction.PASS_REVIEW || action == EditionAction.APPROVE || action == EditionAction.PUBLISH
                || action == EditionAction.SCHEDULE || action == EditionAction.RETURN;
        if (decides && edition.submittedBy() != null && edition.submittedBy() == actor.accountId()) {
            return Optional.of(new Refusal("workflow.refused.ownSubmission", false));
        }
        if (action == EditionAction.APPROVE && edition.reviewedBy() != null && edition.reviewedBy() == actor.accountId()) {
            return Optional.of(new Refusal("workflow.refused.reviewerApproves", false));
        }
        if (action == EditionAction.FORCE_PUBLISH && edition.submittedBy() != null && edition.submittedBy() == actor.accountId()) {
            return Optional.of(new Refusal("workflow.refused.ownSubmission", false));
        }
        return Optional.empty();
    }

    /** Which role does which step: the reviewer returns before review passed, the approver after; who publishes depends on the node. */
    private static boolean roleMayAct(EditionAction action, Role role, Subject edition) {
        return switch (action) {
            case RETURN -> role == Role.REVIEWER ? edition.state() == EditionState.SUBMITTED
                    || (!edition.approvalRequired() && (edition.state() == EditionState.REVIEWED || edition.state() == EditionState.SCHEDULED))
                    : edition.state() != EditionState.SUBMITTED;
            case APPROVE -> edition.approvalRequired();
            case PUBLISH, SCHEDULE -> edition.approvalRequired()
                    ? role == Role.APPROVER && edition.state() == EditionState.APPROVED
                    : role == Role.REVIEWER && edition.state() == EditionState.REVIEWED;
            default -> true;
        };
    }
}
