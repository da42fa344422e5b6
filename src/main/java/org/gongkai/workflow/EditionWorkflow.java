package org.gongkai.workflow;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.gongkai.audit.AuditTrail;
import org.gongkai.console.Notifications;
import org.gongkai.content.Attachments;
import org.gongkai.content.ContentManagement;
import org.gongkai.content.Edition;
import org.gongkai.content.EditionState;
import org.gongkai.content.EditionView;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.publication.PublicationWriter;
import org.gongkai.publication.PublishedItems;
import org.gongkai.publication.Validity;
import org.gongkai.support.RuleViolation;
import org.gongkai.workflow.WorkflowRules.Actor;
import org.gongkai.workflow.WorkflowRules.Subject;
import org.gongkai.workflow.internal.WorkflowRecords;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One method per workflow action. Each takes the edition under a row lock, checks {@link WorkflowRules}, records what
 * happened (review or approval record, audit event, notices) and, on publication, writes the publication snapshot, all in
 * one transaction. An action the rules refuse changes nothing and raises {@link WorkflowRefused}.
 */
@Service
public class EditionWorkflow {

    private final ContentManagement content;
    private final Attachments attachments;
    private final WorkflowRecords records;
    private final PublicationWriter publication;
    private final EditionPublishing publishing;
    private final IdentityManagement identity;
    private final AuditTrail audit;
    private final Notifications notifications;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final List<SubmissionCheck> submissionChecks;
    private final PublishedItems publishedItems;
    private final TextCheckGate textChecks;
    private final DecisionRecords decisions;

    EditionWorkflow(ContentManagement content, Attachments attachments, WorkflowRecords records, PublicationWriter publication,
                    EditionPublishing publishing, IdentityManagement identity, AuditTrail audit, Notifications notifications,
                    ApplicationEventPublisher events, Clock clock, List<SubmissionCheck> submissionChecks,
                    PublishedItems publishedItems, TextCheckGate textChecks, DecisionRecords decisions) {
        this.textChecks = textChecks;
        this.decisions = decisions;
        this.submissionChecks = submissionChecks;
        this.publishedItems = publishedItems;
        this.content = content;
        this.attachments = attachments;
        this.records = records;
        this.publication = publication;
        this.publishing = publishing;
        this.identity = identity;
        this.audit = audit;
        this.notifications = notifications;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The same workflow reading another clock, for the demo data, which walks items through the workflow on past days. The
     * copy is not a Spring proxy: call it inside a transaction of your own.
     */
    public EditionWorkflow at(Clock other) {
        return new EditionWorkflow(content, attachments, records, publication, publishing.at(other), identity, audit,
                notifications, events, other, submissionChecks, publishedItems, textChecks, decisions);
    }

    private void checkSubmittable(long editionId) {
        LocalDate today = LocalDate.now(clock);
        submissionChecks.forEach(check -> check.check(editionId, today));
    }

    // ---- queries -----------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public WorkflowFacts facts(long editionId) {
        return records.facts(editionId);
    }

    /** The workflow facts of many editions in one query, for the queues; editions never submitted are left out. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, WorkflowFacts> facts(List<Long> editionIds) {
        return records.facts(editionIds);
    }

    @Transactional(readOnly = true)
    public List<ReviewRecord> reviews(long editionId) {
        return records.reviews(editionId);
    }

    /**
     * Personal data found in the body (scanned now) and in the attachments (as scanned at upload), and the attachments no scan
     * could check, for the review page and the pass.
     */
    @Transactional(readOnly = true)
    public PersonalDataCheck personalData(long editionId) {
        return PersonalDataCheck.of(editionId, content, attachments);
    }

    /** What a staff member may do with an edition now, for the buttons of the console. */
    @Transactional(readOnly = true)
    public Set<EditionAction> allowedActions(long editionId, StaffPrincipal me) {
        EditionView view = content.view(editionId);
        Subject subject = subject(view, records.facts(editionId));
        Set<EditionAction> allowed = java.util.EnumSet.noneOf(EditionAction.class);
        for (EditionAction action : EditionAction.values()) {
            if (WorkflowRules.check(action, actor(me), subject).isEmpty()) {
                allowed.add(action);
            }
        }
        return allowed;
    }

    @Transactional(readOnly = true)
    public List<Long> awaitingRetrospectiveReview() {
        return records.awaitingRetrospectiveReview();
    }

    // ---- actions -----------------------------------------------------------------------------------------------------

    @Transactional
    public void submit(long editionId, StaffPrincipal me) {
        Edition edition = take(EditionAction.SUBMIT, editionId, me);
        checkSubmittable(editionId);
        Instant now = Instant.now(clock);
        records.submitted(editionId, me.id(), now);
        move(edition, EditionAction.SUBMIT, me.id(), now);
        audit.record("edition.submitted", "edition", editionId, edition.getTitle());
        EditionView view = content.view(editionId);
        notify(reviewersOf(view.departmentId(), Role.REVIEWER), "待保密审查：" + view.title(),
                view.departmentName() + " 提交", "/admin/review/" + editionId);
    }

    /**
     * Passes the confidentiality review. Where the catalogue node needs no leadership approval, the reviewer publishes now
     * or at {@code publishAt}; otherwise the edition goes to the approvers' queue.
     */
    @Transactional
    public void passReview(long editionId, Checklist checklist, String opinion, String personalDataNote, boolean uncheckedConfirmed,
                           Instant publishAt, StaffPrincipal me) {
        passReview(editionId, checklist, opinion, personalDataNote, null, uncheckedConfirmed, publishAt, me);
    }

    /** As above; {@code textCheckNote} explains a pass over text-check flags ({@link TextCheckGate}). */
    @Transactional
    public void passReview(long editionId, Checklist checklist, String opinion, String personalDataNote, String textCheckNote,
                           boolean uncheckedConfirmed, Instant publishAt, StaffPrincipal me) {
        // the personal-data check reads the scans stored at upload (and parses only what has none) before the row lock
        PersonalDataCheck check = personalData(editionId);
        Edition edition = take(EditionAction.PASS_REVIEW, editionId, me);
        EditionView view = content.view(editionId);
        if (!checklist.allHold()) {
            throw new RuleViolation("checklist", "review.error.checklist");
        }
        if (opinion == null || opinion.isBlank()) {
            throw new RuleViolation("opinion", "review.error.opinion");
        }
        int hits = check.hits().size();
        if (hits > 0 && (personalDataNote == null || personalDataNote.isBlank())) {
            throw new RuleViolation("personalDataNote", "review.error.personalData");
        }
        int unchecked = check.unchecked().size();
        if (unchecked > 0 && !uncheckedConfirmed) {
            throw new RuleViolation("uncheckedConfirmed", "review.error.uncheckedAttachments");
        }
        Instant now = Instant.now(clock);
        WorkflowFacts facts = records.facts(editionId);
        textChecks.accept(editionId, facts.round(), textCheckNote, me.id(), now);
        decisions.review(editionId, facts.round(), false, me, now, checklist, opinion.strip(), hits, personalDataNote, unchecked, "PASS");
        records.reviewed(editionId, me.id(), now);
        move(edition, EditionAction.PASS_REVIEW, me.id(), now);
        audit.record("review.passed", "edition", editionId, unchecked == 0 ? view.title()
                : view.title() + "（" + unchecked + "个附件无法自动检查，已人工确认）");
        if (view.approvalRequired()) {
            notify(reviewersOf(view.departmentId(), Role.APPROVER), "待领导审定：" + view.title(), "保密审查已通过",
                    "/admin/approval/" + editionId);
        } else {
            publishing.publishOrSchedule(edition, view, publishAt, me, now);
        }
    }

    /** Sends an edition back with reasons; the drafter sees them on the edition. */
    @Transactional
    public void returnEdition(long editionId, String reason, StaffPrincipal me) {
        Edition edition = take(EditionAction.RETURN, editionId, me);
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("reason", "review.error.reason");
        }
        Instant now = Instant.now(clock);
        WorkflowFacts facts = records.facts(editionId);
        if (edition.getState() == EditionState.SUBMITTED) {
            decisions.review(editionId, facts.round(), false, me, now, Checklist.none(), reason.strip(), 0, null, 0, "RETURN");
        } else {
            decisions.approval(editionId, facts.round(), me, now, "RETURN", reason.strip(), null);
        }
        records.returned(editionId, reason.strip(), now);
        move(edition, EditionAction.RETURN, me.id(), now);
        audit.record("edition.returned", "edition", editionId, reason.strip());
        notify(facts.submittedBy() == null ? List.of() : List.of(facts.submittedBy()), "已退回：" + edition.getTitle(),
                reason.strip(), "/admin/documents/" + editionId);
    }

    /** 局领导审定: approve, then publish now or at {@code publishAt}. */
    @Transactional
    public void approve(long editionId, String opinion, Instant publishAt, StaffPrincipal me) {
        Edition edition = take(EditionAction.APPROVE, editionId, me);
        EditionView view = content.view(editionId);
        Instant now = Instant.now(clock);
        decisions.approval(editionId, records.facts(editionId).round(), me, now, "APPROVE", opinion, publishAt);
        records.approved(editionId, me.id(), now);
        move(edition, EditionAction.APPROVE, me.id(), now);
        audit.record("edition.approved", "edition", editionId, view.title());
        publishing.publishOrSchedule(edition, view, publishAt, me, now);
    }

    /** Emergency publication (e.g. an outbreak notice within 5 hours): an approver, with a reason; reviewed afterwards. */
    @Transactional
    public void forcePublish(long editionId, String reason, StaffPrincipal me) {
        Edition edition = take(EditionAction.FORCE_PUBLISH, editionId, me);
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("reason", "workflow.error.forceReason");
        }
        checkSubmittable(editionId);
        EditionView view = content.view(editionId);
        Instant now = Instant.now(clock);
        WorkflowFacts facts = records.facts(editionId);
        if (facts.round() == 0) {
            records.submitted(editionId, view.createdBy(), now);
        }
        decisions.approval(editionId, records.facts(editionId).round(), me, now, "FORCE", reason.strip(), null);
        records.forcePublished(editionId, me.id(), reason.strip());
        audit.record("edition.forcePublished", "edition", editionId, reason.strip());
        publishing.publishNow(edition, EditionAction.FORCE_PUBLISH, me.id(), view, now);
        notify(reviewersOf(view.departmentId(), Role.REVIEWER), "紧急发布，待事后审查：" + view.title(), reason.strip(),
                "/admin/review/" + editionId);
    }

    /** The review a force-published edition gets afterwards; clears the dashboard flag. */
    @Transactional
    public void retrospectiveReview(long editionId, Checklist checklist, String opinion, StaffPrincipal me) {
        Edition edition = content.lockForWorkflow(editionId);
        EditionView view = content.view(editionId);
        WorkflowFacts facts = records.facts(editionId);
        if (!facts.awaitingRetrospectiveReview() || edition.getState() != EditionState.PUBLISHED) {
            throw new WorkflowRefused("workflow.refused.state", true);
        }
        if (!me.has(Role.REVIEWER) || !me.covers(view.departmentId())) {
            throw new WorkflowRefused("workflow.refused.role", false);
        }
        if (opinion == null || opinion.isBlank()) {
            throw new RuleViolation("opinion", "review.error.opinion");
        }
        Instant now = Instant.now(clock);
        decisions.review(editionId, facts.round(), true, me, now, checklist, opinion.strip(), 0, null, 0,
                checklist.allHold() ? "PASS" : "RETURN");
        records.retrospectivelyReviewed(editionId, now);
        closeNotices(editionId);
        audit.record("review.retrospective", "edition", editionId, (checklist.allHold() ? "通过：" : "发现问题：") + opinion.strip());
    }

    /** 废止/失效: the page stays public with a banner, date and reason. */
    @Transactional
    public void withdraw(long editionId, Validity validity, LocalDate effectiveOn, String reason, StaffPrincipal me) {
        withdraw(editionId, validity, effectiveOn, reason, null, me);
    }

    /**
     * 废止/失效 with its effective date in order: not before the document's 成文日期 (a document cannot cease before it was
     * made), and not before its first publication unless {@code backdateReason} says why (e.g. a higher-level repeal that took
     * effect earlier); that reason is kept in the audit trail.
     */
    @Transactional
    public void withdraw(long editionId, Validity validity, LocalDate effectiveOn, String reason, String backdateReason,
                         StaffPrincipal me) {
        Edition edition = take(EditionAction.WITHDRAW, editionId, me);
        if (validity == null || validity == Validity.VALID) {
            throw new RuleViolation("validity", "workflow.error.validity");
        }
        if (effectiveOn == null) {
            throw new RuleViolation("effectiveOn", "workflow.error.effectiveOn");
        }
        EditionView view = content.view(editionId);
        if (view.writtenOn() != null && effectiveOn.isBefore(view.writtenOn())) {
            throw new RuleViolation("effectiveOn", "workflow.error.effectiveBeforeWritten");
        }
        LocalDate firstPublished = publishedItems.find(view.publicId())
                .map(i -> i.summary().publishedAt().atZone(clock.getZone()).toLocalDate()).orElse(null);
        boolean backdated = firstPublished != null && effectiveOn.isBefore(firstPublished);
        if (backdated && (backdateReason == null || backdateReason.isBlank())) {
            throw new RuleViolation("effectiveOn", "workflow.error.effectiveBeforePublished");
        }
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("reason", "workflow.error.withdrawReason");
        }
        move(edition, EditionAction.WITHDRAW, me.id(), Instant.now(clock));
        publication.withdraw(view.publicId(), validity, effectiveOn, reason.strip());
        audit.record("edition.withdrawn", "edition", editionId, validity + " " + effectiveOn + " " + reason.strip()
                + (backdated ? "；生效日期早于首次发布日期 " + firstPublished + "，说明：" + backdateReason.strip() : ""));
    }

    /** Removes a published item from every public view; the page answers 410. */
    @Transactional
    public void unpublish(long editionId, String reason, StaffPrincipal me) {
        Edition edition = take(EditionAction.UNPUBLISH, editionId, me);
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("reason", "workflow.error.unpublishReason");
        }
        EditionView view = content.view(editionId);
        Instant now = Instant.now(clock);
        move(edition, EditionAction.UNPUBLISH, me.id(), now);
        publication.unpublish(view.publicId(), reason.strip(), now);
        audit.record("edition.unpublished", "edition", editionId, reason.strip());
    }

    @Transactional
    public void discard(long editionId, StaffPrincipal me) {
        Edition edition = take(EditionAction.DISCARD, editionId, me);
        move(edition, EditionAction.DISCARD, me.id(), Instant.now(clock));
        audit.record("edition.discarded", "edition", editionId, edition.getTitle());
    }

    /** Publishes every scheduled edition whose time has come; the scheduler calls it every 30 seconds. */
    @Transactional
    public int publishDue() {
        return publishing.publishDue();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private Edition take(EditionAction action, long editionId, StaffPrincipal me) {
        Edition edition = content.lockForWorkflow(editionId);
        EditionView view = content.view(editionId);
        if (!ContentManagement.maySee(me, view.departmentId()) && !me.has(Role.APPROVER) && !me.has(Role.REVIEWER)) {
            throw new org.gongkai.infrastructure.NotFoundException();
        }
        Optional<WorkflowRules.Refusal> refusal = WorkflowRules.check(action, actor(me), subject(view, records.facts(editionId)));
        if (refusal.isPresent()) {
            throw new WorkflowRefused(refusal.get().messageKey(), refusal.get().conflict());
        }
        closeNotices(editionId); // acting on the edition settles what earlier notices asked for (rolled back if the action fails)
        return edition;
    }

    /** Closes the notices that point at this edition (待保密审查, 待领导审定, 已退回…): someone has acted on it. */
    private void closeNotices(long editionId) {
        notifications.close(List.of("/admin/review/" + editionId, "/admin/approval/" + editionId, "/admin/documents/" + editionId));
    }

    /** Moves the edition along one row of the transition table and raises the move's event. */
    private void move(Edition edition, EditionAction action, Long actor, Instant at) {
        edition.apply(action);
        events.publishEvent(EditionEvent.of(action, edition.getId(), edition.getDocumentId(), actor, at));
    }

    List<Long> reviewersOf(long departmentId, Role role) {
        return identity.accountIdsWithRoleCovering(role, departmentId);
    }

    void notify(List<Long> recipients, String title, String body, String link) {
        if (!recipients.isEmpty()) {
            notifications.notify(recipients, title, body, link);
        }
    }

    static Actor actor(StaffPrincipal me) {
        return new Actor(me.id(), me.roles(), me.departmentId(), me.coveredDepartmentIds());
    }

    static Subject subject(EditionView view, WorkflowFacts facts) {
        return new Subject(view.state(), view.departmentId(), facts.submittedBy(), facts.reviewedBy(), view.approvalRequired());
    }
}
