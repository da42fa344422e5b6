package org.gongkai.portal;

import org.gongkai.content.CatalogueChanged;
import org.gongkai.infrastructure.PublicChanges;
import org.gongkai.publication.PublicationChanged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Announces every public change to all nodes from inside the changing transaction (just before it commits), so that the
 * NOTIFY and the version row commit with the change itself; the guide announces its edits itself ({@link DisclosureGuide}).
 */
@Component
class PublicChangeAnnouncer {

    private final PublicChanges changes;

    PublicChangeAnnouncer(PublicChanges changes) {
        this.changes = changes;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void onPublicationChanged(PublicationChanged changed) {
        changes.announce();
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void onCatalogueChanged(CatalogueChanged changed) {
        changes.announce();
    }
}
