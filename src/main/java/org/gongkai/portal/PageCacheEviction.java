package org.gongkai.portal;

import org.gongkai.content.CatalogueChanged;
import org.gongkai.infrastructure.PublicChangeObserved;
import org.gongkai.publication.PublicationChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Forgets the cached public pages when something public changed: after this node's change commits (recorded in the event
 * publication registry like every after-commit reaction) or when another node's change is observed. Kept apart from the
 * {@link PublicPageCache} filter, which must not be proxied.
 */
@Component
class PageCacheEviction {

    private final PublicPageCache cache;

    PageCacheEviction(PublicPageCache cache) {
        this.cache = cache;
    }

    /** A public change committed by this or another node (NOTIFY or the version row). */
    @EventListener
    void on(PublicChangeObserved observed) {
        cache.evictAll();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(PublicationChanged changed) {
        cache.evictAll();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CatalogueChanged changed) {
        cache.evictAll();
    }
}
