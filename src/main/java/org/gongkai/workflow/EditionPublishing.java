package org.gongkai.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.gongkai.audit.AuditTrail;
import org.gongkai.audit.SystemActor;
import org.gongkai.console.Notifications;
import org.gongkai.content.Attachments;
import org.gongkai.content.ContentManagement;
import org.gongkai.content.Edition;
import org.gongkai.content.EditionState;
import org.gongkai.content.EditionView;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.publication.PublicationContent;
import org.gongkai.publication.PublicationWriter;
import org.gongkai.tables.TableManagement;
import org.gongkai.workflow.internal.WorkflowRecords;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The publishing moves of the workflow (publish now, schedule, publish when due, supersede the previous edition), in the
 * caller's transaction: the publication snapshot is written in the same transaction as the move, so the public site never
 * shows an edition the workflow has not published.
 */
@Component
class EditionPublishing {

    private final ContentManagement content;
    private final Attachments attachments;
    private final WorkflowRecords records;
    private final PublicationWriter publication;
    private final TableManagement tables;
    private final IdentityManagement identity;
    private final AuditTrail audit;
    private final Notifications notifications;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EditionPublishing(ContentManagement content, Attachments attachments, WorkflowRecords records, PublicationWriter publication,
                      TableManagement tables, IdentityManagement identity, AuditTrail audit, Notifications notifications,
                      ApplicationEventPublisher events, Clock clock) {
        this.content = content;
        this.attachments = attachments;
        this.records = records;
        this.publication = publication;
        this.tables = tables;
        this.identity = identity;
        this.audit = audit;
        this.notifications = notifications;
        this.events = events;
        this.clock = clock;
    }

    /** The same publishing reading another clock (see {@link EditionWorkflow#at}). */
    EditionPublishing at(Clock other) {
        return new EditionPublishing(content, attachments, records, publication, tables, identity, audit, notifications, events,
                other);
    }

    /** After review (and approval where required): publish now, or at {@code publishAt} when that is later. */
    @Transactional(propagation = Propagation.MANDATORY)
    void publishOrSchedule(Edition edition, EditionView view, Instant publishAt, StaffPrincipal me, Instant now) {
        if (publishAt != null && publishAt.isAfter(now)) {
            records.scheduled(edition.getId(), publishAt);
            move(edition, EditionAction.SCHEDULE, me.id(), now);
            audit.record("edition.scheduled", "edition", edition.getId(), "定时发布 " + publishAt);
        } else {
            publishNow(edition, EditionAction.PUBLISH, me.id(), view, now);
        }
    }

    /** Publishes every scheduled edition whose time has come, as the scheduler (system:scheduler in the audit trail). */
    @Transactional(propagation = Propagation.MANDATORY)
    int publishDue() {
        return SystemActor.call(SystemActor.SCHEDULER, () -> {
            Instant now = Instant.now(clock);
            int published = 0;
            for (Long editionId : records.dueForPublication(now)) {
                Edition edition = content.lockForWorkflow(editionId);
                if (edition.getState() != EditionState.SCHEDULED) {
                    continue;
                }
                publishNow(edition, EditionAction.PUBLISH_SCHEDULED, null, content.view(editionId), now);
                audit.record("edition.publishedOnSchedule", "edition", editionId, edition.getTitle());
                published++;
            }
            return published;
        });
    }

    /** Publishes by {@code action} (PUBLISH, PUBLISH_SCHEDULED or FORCE_PUBLISH): supersedes the previous edition, writes the snapshot. */
    @Transactional(propagation = Propagation.MANDATORY)
    void publishNow(Edition edition, EditionAction action, Long actor, EditionView view, Instant at) {
        content.publishedEditionOf(view.documentId(), edition.getId()).ifPresent(previous -> {
            move(previous, EditionAction.SUPERSEDE, actor, at);
            audit.record("edition.superseded", "edition", previous.getId(), "被第" + view.number() + "版取代");
        });
        move(edition, action, actor, at);
        String creditCode = identity.departmentView(view.departmentId()).orElseThrow().creditCode();
        String tablesJson = tables.publicationJson("EDITION", view.editionId());
        PublicationWriter.Published published = publication.publish(new PublicationContent(view.publicId(), view.editionId(),
                view.number(), view.departmentId(), creditCode, at, view.minorChange() && view.number() > 1, view.changeNote(),
                view.title(), view.documentNumber(), view.writtenOn(), view.summary(), view.keywords(), view.catalogueCode(),
                view.catalogueName(), view.topic(), view.genre(), view.audience(), view.disclosureAttribute(), view.departmentName(),
                view.emergency(), view.bodyHtml(), view.bodyText(),
                attachments.withContent(edition.getId()).stream().map(a -> new PublicationContent.Attachment(a.filename(),
                        a.mediaType(), a.sha256(), a.content())).toList(),
                view.related().stream().map(r -> new PublicationContent.Related(r.publicId(), r.title(), r.relation().name())).toList(),
                tablesJson, org.gongkai.tables.PublishedTables.searchText(tablesJson)));
        records.published(edition.getId(), at);
        audit.record("edition.published", "edition", edition.getId(), published.indexNumber() + " " + view.title());
        notifications.notify(List.of(view.createdBy()), "已发布：" + view.title(), "索引号 " + published.indexNumber(),
                "/admin/documents/" + edition.getId());
    }

    private void move(Edition edition, EditionAction action, Long actor, Instant at) {
        edition.apply(action);
        events.publishEvent(EditionEvent.of(action, edition.getId(), edition.getDocumentId(), actor, at));
    }
}
