package org.gongkai.workflow;

import static org.gongkai.content.EditionState.APPROVED;
import static org.gongkai.content.EditionState.DISCARDED;
import static org.gongkai.content.EditionState.DRAFT;
import static org.gongkai.content.EditionState.PUBLISHED;
import static org.gongkai.content.EditionState.RETURNED;
import static org.gongkai.content.EditionState.REVIEWED;
import static org.gongkai.content.EditionState.SCHEDULED;
import static org.gongkai.content.EditionState.SUBMITTED;
import static org.gongkai.content.EditionState.SUPERSEDED;
import static org.gongkai.content.EditionState.UNPUBLISHED;
import static org.gongkai.content.EditionState.WITHDRAWN;

import java.util.EnumSet;
import java.util.Set;

import org.gongkai.content.EditionState;
import org.gongkai.content.EditionTransition;
import org.gongkai.identity.Role;

/**
 * The whole workflow in one table: for each action, the states it starts from, the state it leads to and the roles that may
 * take it. {@link WorkflowRules} adds department coverage and separation of duties. An edition's state changes only by
 * {@code Edition.apply(action)}, which checks {@link #from()} and sets {@link #to()}; each move raises an {@link EditionEvent}.
 */
public enum EditionAction implements EditionTransition {
    /** A clerk sends a draft for confidentiality review. */
    SUBMIT(EnumSet.of(DRAFT), SUBMITTED, Role.CLERK),
    /** A clerk edits a returned edition, which makes it a draft again. */
    REOPEN(EnumSet.of(RETURNED), DRAFT, Role.CLERK),
    /** A clerk throws a draft away. */
    DISCARD(EnumSet.of(DRAFT, RETURNED), DISCARDED, Role.CLERK),
    /** The reviewer passes the confidentiality review (保密审查). */
    PASS_REVIEW(EnumSet.of(SUBMITTED), REVIEWED, Role.REVIEWER),
    /** Sent back with reasons: by the reviewer before the review passed, by the approver after, or out of the schedule. */
    RETURN(EnumSet.of(SUBMITTED, REVIEWED, APPROVED, SCHEDULED), RETURNED, Role.REVIEWER, Role.APPROVER),
    /** A leader approves (局领导审定) where the catalogue node requires it. */
    APPROVE(EnumSet.of(REVIEWED), APPROVED, Role.APPROVER),
    /** Publication at a set time, after review (and approval where required). */
    SCHEDULE(EnumSet.of(REVIEWED, APPROVED), SCHEDULED, Role.REVIEWER, Role.APPROVER),
    /** Publication now, after review (and approval where required). */
    PUBLISH(EnumSet.of(REVIEWED, APPROVED), PUBLISHED, Role.REVIEWER, Role.APPROVER),
    /** The scheduler publishes a scheduled edition when its time has come. */
    PUBLISH_SCHEDULED(EnumSet.of(SCHEDULED), PUBLISHED),
    /** Emergency publication by a leader with a reason, skipping review and approval; reviewed afterwards. */
    FORCE_PUBLISH(EnumSet.of(DRAFT, SUBMITTED, REVIEWED, APPROVED, SCHEDULED), PUBLISHED, Role.APPROVER),
    /** The published edition is replaced by a newer one of the same document (done by publishing the newer one). */
    SUPERSEDE(EnumSet.of(PUBLISHED), SUPERSEDED),
    /** 废止/失效: stays public with a banner, date and reason. */
    WITHDRAW(EnumSet.of(PUBLISHED), WITHDRAWN, Role.REVIEWER, Role.APPROVER),
    /** Removed from all public views, with a recorded reason. */
    UNPUBLISH(EnumSet.of(PUBLISHED, WITHDRAWN), UNPUBLISHED, Role.APPROVER);

    private final Set<EditionState> from;
    private final EditionState to;
    private final Set<Role> roles;

    EditionAction(Set<EditionState> from, EditionState to, Role... roles) {
        this.from = from;
        this.to = to;
        this.roles = roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
    }

    @Override
    public Set<EditionState> from() {
        return from;
    }

    @Override
    public EditionState to() {
        return to;
    }

    /** Roles that may take the action; empty for actions only the system takes. */
    public Set<Role> roles() {
        return roles;
    }

    public boolean systemOnly() {
        return roles.isEmpty();
    }
}
