package org.gongkai.portal;

import java.util.List;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.gongkai.infrastructure.PublicChanges;
import org.gongkai.publication.StoredItemPages.StoredPage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Catalogue pages kept as the gzip bytes a reader receives (V52), one per address, shared by every node: valid while no
 * public change has happened since the page was rendered (the version of {@code public_change} the rendering node had
 * seen) and for at most {@link #LIFETIME_HOURS} hours, as long as the memory cache keeps a page.
 */
@Repository
class StoredListingPages {

    static final int LIFETIME_HOURS = 6;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PublicChanges changes;

    StoredListingPages(JdbcTemplate jdbc, ObjectMapper json, PublicChanges changes) {
        this.jdbc = jdbc;
        this.json = json;
        this.changes = changes;
    }

    /** A page to keep: the address it answers, rendered after {@code publicVersion} was seen, by {@code templateKey}. */
    record Rendered(String address, long publicVersion, String templateKey, StoredPage page) {
    }

    /** The page stored for this address, version and build; one statement, read-only (from the replica when there is one). */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<StoredPage> find(String address, long publicVersion, String templateKey) {
        return jdbc.query("""
                        select content_type, etag, headers, body_gzip from stored_listing_page
                        where address = ? and public_version = ? and template_key = ?
                          and stored_at > now() - make_interval(hours => ?)""",
                (rs, n) -> StoredPage.read(rs, 1, json), address, publicVersion, templateKey, LIFETIME_HOURS).stream().findFirst();
    }

    /**
     * Keeps rendered pages in one transaction that does not wait for the disk (a page lost in a crash is rendered again). A
     * copy of a later version stays; one of the same version stays unless another build made it or it has expired.
     */
    @Transactional
    public void store(List<Rendered> rendered) {
        jdbc.execute("set local synchronous_commit = off");
        jdbc.batchUpdate("""
                insert into stored_listing_page (address, public_version, template_key, content_type, etag, headers, body_gzip)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (address) do update set public_version = excluded.public_version,
                    template_key = excluded.template_key, content_type = excluded.content_type, etag = excluded.etag,
                    headers = excluded.headers, body_gzip = excluded.body_gzip, stored_at = now()
                where stored_listing_page.public_version < excluded.public_version
                   or (stored_listing_page.public_version = excluded.public_version
                       and (stored_listing_page.template_key <> excluded.template_key
                            or stored_listing_page.stored_at < now() - make_interval(hours => ?)))""",
                rendered, rendered.size(), (statement, r) -> {
                    statement.setString(1, r.address());
                    statement.setLong(2, r.publicVersion());
                    statement.setString(3, r.templateKey());
                    r.page().bind(statement, 4, json);
                    statement.setInt(8, LIFETIME_HOURS);
                });
    }

    /** Every hour: deletes the pages that no node will serve again (rendered before the last public change, or expired). */
    @Scheduled(fixedDelayString = "${gongkai.listing-pages.cleanup-interval:PT1H}",
            initialDelayString = "${gongkai.listing-pages.cleanup-interval:PT1H}")
    @SchedulerLock(name = "stored-listing-cleanup", lockAtMostFor = "PT10M")
    @Transactional
    public void deleteOutdated() {
        jdbc.update("delete from stored_listing_page where public_version < ? or stored_at < now() - make_interval(hours => ?)",
                changes.seenVersion(), LIFETIME_HOURS);
    }
}
