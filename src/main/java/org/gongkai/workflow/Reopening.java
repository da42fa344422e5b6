package org.gongkai.workflow;

import java.time.Clock;
import java.time.Instant;

import org.gongkai.audit.AuditTrail;
import org.gongkai.content.Edition;
import org.gongkai.content.EditionReopening;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.workflow.WorkflowRules.Subject;
import org.gongkai.workflow.internal.WorkflowRecords;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** {@link EditionAction#REOPEN} for content's edit of a returned edition: checked by {@link WorkflowRules} like every action. */
@Component
class Reopening implements EditionReopening {

    private final WorkflowRecords records;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Reopening(WorkflowRecords records, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.records = records;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void reopen(Edition edition, long departmentId, StaffPrincipal me) {
        WorkflowFacts facts = records.facts(edition.getId());
        Subject subject = new Subject(edition.getState(), departmentId, facts.submittedBy(), facts.reviewedBy(), false);
        WorkflowRules.check(EditionAction.REOPEN, EditionWorkflow.actor(me), subject).ifPresent(refusal -> {
            throw new WorkflowRefused(refusal.messageKey(), refusal.conflict());
        });
        edition.apply(EditionAction.REOPEN);
        events.publishEvent(EditionEvent.of(EditionAction.REOPEN, edition.getId(), edition.getDocumentId(), me.id(),
                Instant.now(clock)));
        audit.record("edition.reopened", "edition", edition.getId(), edition.getTitle());
    }
}
