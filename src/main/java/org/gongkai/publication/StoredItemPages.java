package org.gongkai.publication;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Item pages kept as the gzip bytes a reader receives (V51), one per document, shared by every node and kept across
 * restarts: the portal renders a page once and every later request reads it in one statement, without the template.
 * <p>
 * A stored page is served only while it was rendered from the document's current {@code page_version} by the current
 * build ({@code templateKey}). The version counts every change of what the page shows: the document's own publication,
 * withdrawal and unpublishing ({@link PublicationWriter}, in the changing transaction), the same changes of the documents it
 * links to or that link to it (after the change commits, {@link #on(PublicationChanged)}), and the published questions
 * asked about it ({@link #pageChanged(String)}). Each increase happens after the data it stands for is written, so a page
 * rendered from data read before a change carries an older version and is never served after it. Once such a change has
 * committed, {@link ItemPagesChanged} names the documents whose pages changed (the portal renders them again at once).
 */
@Service
public class StoredItemPages {

    /** A rendered page: its type, the ETag of its uncompressed bytes, the security headers it was sent with. */
    public record StoredPage(String contentType, String etag, Map<String, String> headers, byte[] gzip) {

        /** Reads {@code content_type, etag, headers, body_gzip}, selected in this order from column {@code first} on. */
        public static StoredPage read(java.sql.ResultSet row, int first, ObjectMapper json) throws java.sql.SQLException {
            return new StoredPage(row.getString(first), row.getString(first + 1),
                    json.readValue(row.getString(first + 2), HEADERS), row.getBytes(first + 3));
        }

        /** Sets {@code content_type, etag, headers, body_gzip} as the parameters from {@code first} on. */
        public void bind(java.sql.PreparedStatement statement, int first, ObjectMapper json) throws java.sql.SQLException {
            statement.setString(first, contentType);
            statement.setString(first + 1, etag);
            statement.setString(first + 2, json.writeValueAsString(headers));
            statement.setBytes(first + 3, gzip);
        }
    }

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;
    /** After a commit the finished transaction's connection is still bound: a write needs a transaction of its own. */
    private final TransactionTemplate ownTransaction;

    StoredItemPages(JdbcTemplate jdbc, ObjectMapper json, PlatformTransactionManager transactions,
                    ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The stored page of a live or withdrawn document, if it shows what the page shows now and this build rendered it. One
     * statement without a transaction, read-only: on a public page it reads from the replica when there is one.
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<StoredPage> find(String documentId, String templateKey) {
        List<StoredPage> pages = jdbc.query("""
                select p.content_type, p.etag, p.headers, p.body_gzip
                from public_document d join stored_item_page p on p.document_id = d.document_id and p.page_version = d.page_version
                where d.document_id = ? and p.template_key = ? and\s""" + PublicStatus.SHOWN,
                (rs, n) -> StoredPage.read(rs, 1, json), documentId, templateKey);
        return pages.stream().findFirst();
    }

    /** A page to keep: rendered from {@code pageVersion} of the document by the build {@code templateKey}. */
    public record Rendered(String documentId, long pageVersion, String templateKey, StoredPage page) {
    }

    /**
     * Keeps rendered pages, in one transaction that does not wait for the disk (a page lost in a crash is rendered again).
     * A page of a later version, or of the same version by the same build, already stored stays; during an upgrade the two
     * builds replace each other's copies.
     */
    @Transactional
    public void store(List<Rendered> rendered) {
        jdbc.execute("set local synchronous_commit = off");
        jdbc.batchUpdate("""
                insert into stored_item_page (document_id, page_version, template_key, content_type, etag, headers, body_gzip)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (document_id) do update set page_version = excluded.page_version,
                    template_key = excluded.template_key, content_type = excluded.content_type, etag = excluded.etag,
                    headers = excluded.headers, body_gzip = excluded.body_gzip, stored_at = now()
                where stored_item_page.page_version < excluded.page_version
                   or (stored_item_page.page_version = excluded.page_version
                       and stored_item_page.template_key <> excluded.template_key)""",
                rendered, rendered.size(), (statement, r) -> {
                    statement.setString(1, r.documentId());
                    statement.setLong(2, r.pageVersion());
                    statement.setString(3, r.templateKey());
                    r.page().bind(statement, 4, json);
                });
    }

    /** Something else the item page shows changed in the calling transaction (a question asked about it was published). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void pageChanged(String documentId) {
        jdbc.update("update public_document set page_version = page_version + 1 where document_id = ?", documentId);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                events.publishEvent(new ItemPagesChanged(List.of(documentId)));
            }
        });
    }

    /** Where a document's stored page stands: {@code current} when this build's copy of its page version is stored. */
    public record PageState(String documentId, Instant changedAt, boolean current) {
    }

    /**
     * The next {@code limit} shown documents, newest change first (from the public list's index), after the given one
     * ({@code null} for the first), each with whether the build {@code templateKey} has stored its current page.
     */
    @Transactional(readOnly = true)
    public List<PageState> newest(PageState after, int limit, String templateKey) {
        // the first condition bounds the scan of the list's index; the second leaves out what came before at the same moment
        String from = after == null ? "" : """
                and d.last_major_change_at <= ? and (d.last_major_change_at < ? or d.document_id > ?)""";
        List<Object> arguments = new java.util.ArrayList<>();
        arguments.add(templateKey);
        if (after != null) {
            Timestamp at = Timestamp.from(after.changedAt());
            arguments.addAll(List.of(at, at, after.documentId()));
        }
        arguments.add(limit);
        // one probe of the stored page's key a document (lateral, with a limit): as a join or an exists, PostgreSQL read the
        // whole table of pages once to hash it while it held a few thousand rows
        return jdbc.query("""
                select d.document_id, d.last_major_change_at, p.current is not null
                from public_document d left join lateral (select true as current from stored_item_page p
                    where p.document_id = d.document_id and p.page_version = d.page_version and p.template_key = ?
                    limit 1) p on true
                where\s""" + PublicStatus.SHOWN + from + """

                order by d.last_major_change_at desc, d.document_id limit ?""",
                (rs, n) -> new PageState(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBoolean(3)),
                arguments.toArray());
    }

    /**
     * After a document's publication, withdrawal or unpublishing commits: the pages of the documents it names (in any of
     * its editions: a link may have just been removed) and of those whose current edition names it show its title or
     * status, so they change too. In a transaction of its own after the commit, so that two linked documents published at
     * the same moment cannot deadlock on each other's rows; a deadlock between two of these updates is tried again. The
     * two lists are one set (an OR of two IN lists made PostgreSQL read all of public_document: 450 ms a publication at
     * 1,000,000 items, against 0.2 ms for a few index probes).
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(PublicationChanged changed) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<String> linked = ownTransaction.execute(status -> jdbc.queryForList("""
                        update public_document set page_version = page_version + 1
                        where document_id <> ? and document_id in (
                            select r ->> 'documentId' from publication_snapshot s
                                cross join lateral jsonb_array_elements(s.related) r
                            where s.document_id = ?
                            union all
                            select o.document_id from public_document o
                                join publication_snapshot os on os.id = o.current_snapshot_id
                            where os.related @> jsonb_build_array(jsonb_build_object('documentId', ?)))
                        returning document_id""",
                        String.class, changed.documentId(), changed.documentId(), changed.documentId()));
                List<String> changedPages = new java.util.ArrayList<>(linked);
                if (changed.status() != PublicStatus.UNPUBLISHED) {
                    changedPages.add(0, changed.documentId());
                }
                if (!changedPages.isEmpty()) {
                    events.publishEvent(new ItemPagesChanged(List.copyOf(changedPages)));
                }
                return;
            } catch (PessimisticLockingFailureException deadlock) {
                if (attempt == 3) {
                    throw deadlock;
                }
            }
        }
    }
}
