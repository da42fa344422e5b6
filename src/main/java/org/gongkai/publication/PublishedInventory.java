package org.gongkai.publication;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What is public, column by column and page by page, for the site self-check (网站自查): the newest change of each column,
 * the published bodies whose links the crawl follows, and the public status of documents that links point at.
 */
@Service
@Transactional(readOnly = true)
public class PublishedInventory {

    /** A live or withdrawn document's current snapshot, without its body. */
    public record Entry(String documentId, String title, String catalogueCode, String genre, long departmentId,
                        String departmentName, PublicStatus status, Instant firstPublishedAt, Instant lastMajorChangeAt) {
    }

    /** A published page the link crawl reads: its body and the names of its attachments (number from 1). */
    public record Source(String documentId, String title, long departmentId, String bodyHtml, List<String> attachmentNames) {
    }

    private final JdbcTemplate jdbc;
    private final tools.jackson.databind.ObjectMapper json;

    PublishedInventory(JdbcTemplate jdbc, tools.jackson.databind.ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * What one column holds (its own documents, not its children's): how many live or withdrawn documents, the newest
     * change of a live one, and the department of the newest change of any of them.
     */
    public record ColumnActivity(long items, Instant lastLiveChange, Instant lastChange, Long lastDepartmentId) {
    }

    /**
     * Each column's {@link ColumnActivity}, counted by the database: the self-check reads this on every look at the columns
     * and at start-up with demo data, where holding an {@link Entry} for every public document would not fit a small heap
     * at a million items.
     */
    public Map<String, ColumnActivity> columnActivity() {
        Map<String, ColumnActivity> byCode = new HashMap<>();
        jdbc.query("""
                select s.catalogue_code, count(*), max(d.last_major_change_at) filter (where d.status = 'LIVE'),
                       max(d.last_major_change_at),
                       (array_agg(d.department_id order by d.last_major_change_at desc, d.document_id))[1]
                from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                where d.status in ('LIVE', 'WITHDRAWN') group by s.catalogue_code""", rs -> {
            java.sql.Timestamp live = rs.getTimestamp(3);
            byCode.put(rs.getString(1), new ColumnActivity(rs.getLong(2), live == null ? null : live.toInstant(),
                    rs.getTimestamp(4).toInstant(), rs.getLong(5)));
        });
        return byCode;
    }

    /** Every live or withdrawn document, by its current snapshot. */
    public List<Entry> entries() {
        return jdbc.query("""
                select d.document_id, s.title, s.catalogue_code, s.genre, d.department_id, s.issuing_department_name, d.status,
                       d.first_published_at, d.last_major_change_at
                from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                where d.status in ('LIVE', 'WITHDRAWN')""", (rs, n) -> new Entry(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6), PublicStatus.valueOf(rs.getString(7)),
                rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant()));
    }

    /** When anything was last published (a new document or a major change), for 首页不更新. */
    public Optional<Instant> latestChange() {
        return Optional.ofNullable(jdbc.queryForObject(
                "select max(last_major_change_at) from public_document where status = 'LIVE'", java.sql.Timestamp.class))
                .map(java.sql.Timestamp::toInstant);
    }

    /** Published pages in document-id order after {@code afterDocumentId} (null: from the start), at most {@code limit}. */
    public List<Source> sources(String afterDocumentId, int limit) {
        return jdbc.query("""
                select d.document_id, s.title, d.department_id, s.body_html, s.attachments
                from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                where d.status in ('LIVE', 'WITHDRAWN') and d.document_id > ? order by d.document_id limit ?""",
                (rs, n) -> new Source(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        names(rs.getString(5))), afterDocumentId == null ? "" : afterDocumentId, limit);
    }

    /** One published page, if the document is live or withdrawn. */
    public Optional<Source> source(String documentId) {
        return jdbc.query("""
                select d.document_id, s.title, d.department_id, s.body_html, s.attachments
                from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                where d.status in ('LIVE', 'WITHDRAWN') and d.document_id = ?""",
                (rs, n) -> new Source(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        names(rs.getString(5))), documentId).stream().findFirst();
    }

    /** An interpretation (政策解读) link of a live or withdrawn document: from the interpretation to the document it explains. */
    public record InterpretationLink(String interpretationId, String documentId) {
    }

    public List<InterpretationLink> interpretationLinks() {
        return jdbc.query("""
                select s.document_id, r ->> 'documentId' from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                    cross join lateral jsonb_array_elements(s.related) r
                where d.status in ('LIVE', 'WITHDRAWN') and r ->> 'relation' = 'INTERPRETS'""",
                (rs, n) -> new InterpretationLink(rs.getString(1), rs.getString(2)));
    }

    /** The public status of each document id (absent ids are {@link PublicStatus#NONE}). */
    public Map<String, PublicStatus> statuses(Collection<String> documentIds) {
        Map<String, PublicStatus> result = new HashMap<>();
        documentIds.forEach(id -> result.put(id, PublicStatus.NONE));
        if (documentIds.isEmpty()) {
            return result;
        }
        jdbc.query("select document_id, status from public_document where document_id = any (?)",
                rs -> { result.put(rs.getString(1), PublicStatus.valueOf(rs.getString(2))); },
                (Object) documentIds.toArray(String[]::new));
        return result;
    }

    private List<String> names(String attachments) {
        List<String> names = new java.util.ArrayList<>();
        json.readTree(attachments).forEach(a -> names.add(a.get("name").asString()));
        return names;
    }
}
