package org.gongkai.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.gongkai.content.EditionState;
import org.gongkai.identity.Role;
import org.gongkai.workflow.WorkflowRules.Actor;
import org.gongkai.workflow.WorkflowRules.Subject;
import org.junit.jupiter.api.Test;

/**
 * Every (state, action, role) combination, for nodes with and without leadership approval, against a hand-written table
 * of the allowed ones; everything not listed must be refused.
 */
class WorkflowRulesTests {

    static final long DEPARTMENT = 2;
    static final long SUBMITTER = 100;
    static final long REVIEWER_OF_EDITION = 200;

    /** action state role, for a node WITHOUT leadership approval. */
    static final Set<String> ALLOWED_WITHOUT_APPROVAL = Set.of(
            "SUBMIT DRAFT CLERK",
            "REOPEN RETURNED CLERK",
            "DISCARD DRAFT CLERK", "DISCARD RETURNED CLERK",
            "PASS_REVIEW SUBMITTED REVIEWER",
            "RETURN SUBMITTED REVIEWER", "RETURN REVIEWED REVIEWER", "RETURN SCHEDULED REVIEWER",
            "RETURN REVIEWED APPROVER", "RETURN APPROVED APPROVER", "RETURN SCHEDULED APPROVER",
            "PUBLISH REVIEWED REVIEWER", "SCHEDULE REVIEWED REVIEWER",
            "FORCE_PUBLISH DRAFT APPROVER", "FORCE_PUBLISH SUBMITTED APPROVER", "FORCE_PUBLISH REVIEWED APPROVER",
            "FORCE_PUBLISH APPROVED APPROVER", "FORCE_PUBLISH SCHEDULED APPROVER",
            "WITHDRAW PUBLISHED REVIEWER", "WITHDRAW PUBLISHED APPROVER",
            "UNPUBLISH PUBLISHED APPROVER", "UNPUBLISH WITHDRAWN APPROVER");

    /** action state role, for a node WITH leadership approval (局领导审定). */
    static final Set<String> ALLOWED_WITH_APPROVAL = Set.of(
            "SUBMIT DRAFT CLERK",
            "REOPEN RETURNED CLERK",
            "DISCARD DRAFT CLERK", "DISCARD RETURNED CLERK",
            "PASS_REVIEW SUBMITTED REVIEWER",
            "RETURN SUBMITTED REVIEWER",
            "RETURN REVIEWED APPROVER", "RETURN APPROVED APPROVER", "RETURN SCHEDULED APPROVER",
            "APPROVE REVIEWED APPROVER",
            "PUBLISH APPROVED APPROVER", "SCHEDULE APPROVED APPROVER",
            "FORCE_PUBLISH DRAFT APPROVER", "FORCE_PUBLISH SUBMITTED APPROVER", "FORCE_PUBLISH REVIEWED APPROVER",
            "FORCE_PUBLISH APPROVED APPROVER", "FORCE_PUBLISH SCHEDULED APPROVER",
            "WITHDRAW PUBLISHED REVIEWER", "WITHDRAW PUBLISHED APPROVER",
            "UNPUBLISH PUBLISHED APPROVER", "UNPUBLISH WITHDRAWN APPROVER");

    @Test
    void everyStateActionAndRoleMatchesTheTable() {
        for (boolean approvalRequired : new boolean[] {false, true}) {
            Set<String> allowed = new TreeSet<>();
            for (EditionState state : EditionState.values()) {
                for (EditionAction action : EditionAction.values()) {
                    for (Role role : Role.values()) {
                        Actor actor = new Actor(7, Set.of(role), DEPARTMENT, Set.of());
                        Subject edition = new Subject(state, DEPARTMENT, SUBMITTER, REVIEWER_OF_EDITION, approvalRequired);
                        if (WorkflowRules.check(action, actor, edition).isEmpty()) {
                            allowed.add(action + " " + state + " " + role);
                        }
                    }
                }
            }
            assertThat(allowed).as("approval required: " + approvalRequired)
                    .containsExactlyInAnyOrderElementsOf(approvalRequired ? ALLOWED_WITH_APPROVAL : ALLOWED_WITHOUT_APPROVAL);
        }
    }

    @Test
    void aSubmitterNeverReviewsOrApprovesTheirOwnEdition() {
        Actor clerkAndReviewer = new Actor(SUBMITTER, Set.of(Role.CLERK, Role.REVIEWER), DEPARTMENT, Set.of());
        Subject submitted = new Subject(EditionState.SUBMITTED, DEPARTMENT, SUBMITTER, null, true);
        assertThat(WorkflowRules.check(EditionAction.PASS_REVIEW, clerkAndReviewer, submitted))
                .hasValueSatisfying(r -> assertThat(r.messageKey()).isEqualTo("workflow.refused.ownSubmission"));
        assertThat(WorkflowRules.check(EditionAction.RETURN, clerkAndReviewer, submitted)).isPresent();

        Actor reviewerAndApprover = new Actor(REVIEWER_OF_EDITION, Set.of(Role.REVIEWER, Role.APPROVER), 1, Set.of());
        Subject reviewed = new Subject(EditionState.REVIEWED, DEPARTMENT, SUBMITTER, REVIEWER_OF_EDITION, true);
        assertThat(WorkflowRules.check(EditionAction.APPROVE, reviewerAndApprover, reviewed))
                .hasValueSatisfying(r -> assertThat(r.messageKey()).isEqualTo("workflow.refused.reviewerApproves"));
        Actor otherApprover = new Actor(300, Set.of(Role.APPROVER), 1, Set.of());
        assertThat(WorkflowRules.check(EditionAction.APPROVE, otherApprover, reviewed)).isEmpty();
    }

    @Test
    void clerksActOnlyInTheirDepartmentAndReviewersOnlyWhereTheyCover() {
        Subject draft = new Subject(EditionState.DRAFT, DEPARTMENT, null, null, false);
        assertThat(WorkflowRules.check(EditionAction.SUBMIT, new Actor(7, Set.of(Role.CLERK), 9, Set.of()), draft))
                .hasValueSatisfying(r -> assertThat(r.messageKey()).isEqualTo("workflow.refused.department"));
        Subject submitted = new Subject(EditionState.SUBMITTED, DEPARTMENT, SUBMITTER, null, false);
        assertThat(WorkflowRules.check(EditionAction.PASS_REVIEW, new Actor(8, Set.of(Role.REVIEWER), 1, Set.of(5L)), submitted))
                .isPresent();
        assertThat(WorkflowRules.check(EditionAction.PASS_REVIEW, new Actor(8, Set.of(Role.REVIEWER), 1, Set.of(DEPARTMENT)), submitted))
                .isEmpty();
    }

    @Test
    void aWrongStateIsAConflictAndAWrongRoleIsForbidden() {
        Subject published = new Subject(EditionState.PUBLISHED, DEPARTMENT, SUBMITTER, REVIEWER_OF_EDITION, false);
        assertThat(WorkflowRules.check(EditionAction.PASS_REVIEW, new Actor(8, Set.of(Role.REVIEWER), 1, Set.of()), published))
                .hasValueSatisfying(r -> assertThat(r.conflict()).isTrue());
        assertThat(WorkflowRules.check(EditionAction.PASS_REVIEW, new Actor(8, Set.of(Role.SYSADMIN), 1, Set.of()), published))
                .hasValueSatisfying(r -> assertThat(r.conflict()).isFalse());
        List<EditionAction> systemOnly = new ArrayList<>();
        for (EditionAction action : EditionAction.values()) {
            if (action.systemOnly()) {
                systemOnly.add(action);
            }
        }
        assertThat(systemOnly).containsExactlyInAnyOrder(EditionAction.PUBLISH_SCHEDULED, EditionAction.SUPERSEDE);
    }
}
