package org.gongkai.inspection.internal;

import org.gongkai.publication.PublicStatus;
import org.gongkai.publication.PublicationChanged;
import org.gongkai.publication.PublishedInventory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the link list of a page current as soon as it is published, changed or taken down, so a new link to an unpublished
 * item is listed before the next crawl. Runs after commit; the targets are checked by the crawl.
 */
@Component
class PublishedLinks {

    private final PublishedInventory inventory;
    private final LinkCrawler crawler;

    PublishedLinks(PublishedInventory inventory, LinkCrawler crawler) {
        this.inventory = inventory;
        this.crawler = crawler;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(PublicationChanged changed) {
        if (changed.status() == PublicStatus.UNPUBLISHED) {
            crawler.forget(changed.documentId());
            return;
        }
        inventory.source(changed.documentId()).ifPresent(crawler::index);
    }
}
