package org.gongkai.publication;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.gongkai.publication.PublicViews.AttachmentRef;
import org.gongkai.publication.PublicViews.Change;
import org.gongkai.publication.PublicViews.Facets;
import org.gongkai.publication.PublicViews.ItemFilter;
import org.gongkai.publication.PublicViews.ItemSummary;
import org.gongkai.publication.PublicViews.Page;
import org.gongkai.publication.PublicViews.PublicItem;
import org.gongkai.publication.PublicViews.PublishedFile;
import org.gongkai.publication.PublicViews.RelatedRef;
import org.gongkai.publication.PublicViews.SitemapEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Queries over the public read model only: current snapshots of live and withdrawn documents. Unpublished documents are
 * absent from every list, search, feed and the sitemap; their pages are told apart only by {@link #status}. Search is
 * {@link PublicSearch}.
 */
@Service
@Transactional(readOnly = true)
public class PublishedItems {

    public static final int MAX_PAGE_SIZE = 50;

    static final String SUMMARY_COLUMNS = """
            d.document_id, d.index_number, s.title, s.summary, s.document_number, s.written_on, d.first_published_at,
            d.last_major_change_at, s.issuing_department_name, s.catalogue_code, s.catalogue_name, s.topic, s.genre,
            d.validity, d.status, s.emergency""";
    static final String VISIBLE = """
            from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
            where d.status in ('LIVE', 'WITHDRAWN')""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    PublishedItems(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public PublicStatus status(String documentId) {
        List<String> status = jdbc.queryForList("select status from public_document where document_id = ?", String.class, documentId);
        return status.isEmpty() ? PublicStatus.NONE : PublicStatus.valueOf(status.get(0));
    }

    /** The item page of a live or withdrawn document; empty for unpublished and unknown ids alike. */
    public Optional<PublicItem> find(String documentId) {
        List<PublicItem> items = jdbc.query("select " + SUMMARY_COLUMNS + """
                , s.edition_number, s.keywords, s.audience, s.disclosure_attribute, s.body_html, s.attachments, s.related,
                  s.tables, d.validity_changed_on, d.withdrawal_reason
                """ + VISIBLE + " and d.document_id = ?", (rs, n) -> new PublicItem(summary(rs), rs.getInt("edition_number"),
                rs.getString("keywords"), rs.getString("audience"), rs.getString("disclosure_attribute"),
                rs.getString("body_html"), attachments(rs.getString("attachments")), related(rs.getString("related")),
                List.of(), rs.getString("tables"), date(rs, "validity_changed_on"), rs.getString("withdrawal_reason")), documentId);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        PublicItem item = items.get(0);
        List<Change> history = jdbc.query("""
                select edition_number, published_at, change_note from publication_snapshot
                where document_id = ? and (not minor_change or edition_number = 1) order by edition_number desc""",
                (rs, n) -> new Change(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                        rs.getString(3) == null || rs.getString(3).isBlank() ? (rs.getInt(1) == 1 ? "首次发布" : "") : rs.getString(3)),
                documentId);
        return Optional.of(new PublicItem(item.summary(), item.editionNumber(), item.keywords(), item.audience(),
                item.disclosureAttribute(), item.bodyHtml(), item.attachments(), links(documentId, item.related()), history,
                item.maskedTablesJson(), item.validityChangedOn(), item.withdrawalReason()));
    }

    /** An attachment of the current snapshot of a live or withdrawn document, by its place in the list (from 1). */
    public Optional<PublishedFile> attachment(String documentId, int number) {
        Optional<PublicItem> item = find(documentId);
        if (item.isEmpty() || number < 1 || number > item.get().attachments().size()) {
            return Optional.empty();
        }
        String attachments = jdbc.queryForObject("select s.attachments " + VISIBLE + " and d.document_id = ?", String.class, documentId);
        JsonNode ref = json.readTree(attachments).get(number - 1);
        byte[] content = jdbc.queryForObject("select content from published_file where sha256 = ?", byte[].class,
                ref.get("sha256").asString());
        return Optional.of(new PublishedFile(ref.get("name").asString(), ref.get("mediaType").asString(), content));
    }

    public List<ItemSummary> latest(int limit) {
        return jdbc.query("select " + SUMMARY_COLUMNS + " " + VISIBLE + " order by d.last_major_change_at desc limit ?",
                (rs, n) -> summary(rs), Math.min(limit, MAX_PAGE_SIZE));
    }

    /** Live emergency notices (应急信息), newest first. */
    public List<ItemSummary> emergencies(int limit) {
        return jdbc.query("select " + SUMMARY_COLUMNS + " " + VISIBLE
                        + " and s.emergency and d.status = 'LIVE' order by d.first_published_at desc limit ?",
                (rs, n) -> summary(rs), Math.min(limit, MAX_PAGE_SIZE));
    }

    /** A filtered, paged list, newest first (catalogue pages, feeds). */
    public Page<ItemSummary> list(ItemFilter filter, int page, int size) {
        int pageSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        int current = Math.max(1, page);
        List<Object> args = new ArrayList<>();
        String where = filterSql(filter, args);
        Long total = jdbc.queryForObject("select count(*) " + VISIBLE + where, Long.class, args.toArray());
        args.add(pageSize);
        args.add((long) (current - 1) * pageSize);
        List<ItemSummary> items = jdbc.query("select " + SUMMARY_COLUMNS + " " + VISIBLE + where
                + " order by d.last_major_change_at desc, d.document_id limit ? offset ?", (rs, n) -> summary(rs), args.toArray());
        return new Page<>(items, current, pageSize, total == null ? 0 : total);
    }

    /** Filters on the document (publication year, validity) for the search's semi-join. */
    static String documentFilterSql(ItemFilter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder();
        if (filter == null) {
            return "";
        }
        if (filter.year() != null) {
            sql.append(" and d.first_published_at >= make_timestamptz(?, 1, 1, 0, 0, 0, 'Asia/Shanghai')"
                    + " and d.first_published_at < make_timestamptz(?, 1, 1, 0, 0, 0, 'Asia/Shanghai')");
            args.add(filter.year());
            args.add(filter.year() + 1);
        }
        if (filter.validity() != null) {
            sql.append(" and d.validity = ?");
            args.add(filter.validity().name());
        }
        return sql.toString();
    }

    /** Filters on the snapshot (column, topic, genre, department) for the search. */
    static String snapshotFilterSql(ItemFilter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder();
        if (filter == null) {
            return "";
        }
        if (filter.catalogueCodes() != null && !filter.catalogueCodes().isEmpty()) {
            sql.append(" and s.catalogue_code = any (?)");
            args.add(filter.catalogueCodes().toArray(String[]::new));
        }
        if (filter.topic() != null && !filter.topic().isBlank()) {
            sql.append(" and s.topic = ?");
            args.add(filter.topic());
        }
        if (filter.genre() != null && !filter.genre().isBlank()) {
            sql.append(" and s.genre = ?");
            args.add(filter.genre());
        }
        if (filter.department() != null && !filter.department().isBlank()) {
            sql.append(" and s.issuing_department_name = ?");
            args.add(filter.department());
        }
        return sql.toString();
    }

    /** A published item that carries tables, for the open-data catalogue. */
    public record ItemWithTables(ItemSummary item, String maskedTablesJson, Instant lastChanged) {
    }

    /** Live and withdrawn items whose current snapshot has at least one table, newest first. */
    public List<ItemWithTables> withTables(int limit) {
        return jdbc.query("select " + SUMMARY_COLUMNS + ", s.tables, greatest(d.last_major_change_at, s.published_at) as changed "
                        + VISIBLE + " and jsonb_array_length(s.tables) > 0 order by changed desc limit ?",
                (rs, n) -> new ItemWithTables(summary(rs), rs.getString("tables"), rs.getTimestamp("changed").toInstant()),
                Math.min(limit, 5000));
    }

    /**
     * Filter choices, computed over everything published and kept until the next publication change, so that a search
     * or catalogue page does not scan the whole read model for them.
     */
    public Facets facets() {
        Facets cached = facets;
        if (cached == null) {
            long generation = changes.get();
            cached = computeFacets();
            if (changes.get() == generation) {
                facets = cached;
            }
        }
        return cached;
    }

    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public void forgetFacets(PublicationChanged changed) {
        changes.incrementAndGet();
        facets = null;
    }

    /** A public change committed by another node (or this one): the facets may have changed there too. */
    @org.springframework.context.event.EventListener
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public void forgetFacets(org.gongkai.infrastructure.PublicChangeObserved observed) {
        changes.incrementAndGet();
        facets = null;
    }

    private volatile Facets facets;
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    private Facets computeFacets() {
        return new Facets(
                jdbc.queryForList("select distinct s.topic " + VISIBLE + " and s.topic is not null order by 1", String.class),
                jdbc.queryForList("select distinct s.genre " + VISIBLE + " and s.genre is not null order by 1", String.class),
                jdbc.queryForList("select distinct s.issuing_department_name " + VISIBLE + " order by 1", String.class),
                jdbc.queryForList("select distinct extract(year from d.first_published_at at time zone 'Asia/Shanghai')::int "
                        + VISIBLE + " order by 1 desc", Integer.class));
    }

    public List<SitemapEntry> sitemap() {
        return jdbc.query("select d.document_id, greatest(d.last_major_change_at, s.published_at) " + VISIBLE
                        + " order by d.first_published_at desc limit 50000",
                (rs, n) -> new SitemapEntry(rs.getString(1), rs.getTimestamp(2).toInstant()));
    }

    /** When anything public last changed; for Last-Modified of lists and feeds. */
    public Optional<Instant> lastChange() {
        return Optional.ofNullable(jdbc.queryForObject(
                "select max(greatest(d.last_major_change_at, s.published_at)) " + VISIBLE, java.sql.Timestamp.class))
                .map(java.sql.Timestamp::toInstant);
    }

    /** Filters of lists: on the document (year, validity), then on the snapshot (column, topic, genre, department). */
    private static String filterSql(ItemFilter filter, List<Object> args) {
        String documentPart = documentFilterSql(filter, args);
        return documentPart + snapshotFilterSql(filter, args);
    }

    static ItemSummary summary(ResultSet rs) throws SQLException {
        return new ItemSummary(rs.getString("document_id"), rs.getString("index_number"), rs.getString("title"),
                rs.getString("summary"), rs.getString("document_number"), date(rs, "written_on"),
                rs.getTimestamp("first_published_at").toInstant(), rs.getTimestamp("last_major_change_at").toInstant(),
                rs.getString("issuing_department_name"), rs.getString("catalogue_code"), rs.getString("catalogue_name"),
                rs.getString("topic"), rs.getString("genre"), Validity.valueOf(rs.getString("validity")),
                PublicStatus.valueOf(rs.getString("status")), rs.getBoolean("emergency"));
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        java.sql.Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    private List<AttachmentRef> attachments(String text) {
        List<AttachmentRef> refs = new ArrayList<>();
        int number = 1;
        for (JsonNode node : json.readTree(text)) {
            refs.add(new AttachmentRef(number++, node.get("name").asString(), node.get("mediaType").asString(),
                    node.get("size").asLong()));
        }
        return refs;
    }

    /**
     * An item's links both ways: those its snapshot names (dropping any that are no longer public) and those of other public
     * items that name it, e.g. a policy lists its interpretations (INTERPRETED_BY) and a replaced document its successor.
     */
    private List<RelatedRef> links(String documentId, List<RelatedRef> own) {
        List<RelatedRef> links = new ArrayList<>();
        if (!own.isEmpty()) {
            List<String> visible = jdbc.queryForList("select document_id from public_document where status in ('LIVE', 'WITHDRAWN')"
                    + " and document_id = any(?)", String.class, (Object) own.stream().map(RelatedRef::documentId).toArray(String[]::new));
            own.stream().filter(r -> visible.contains(r.documentId())).forEach(links::add);
        }
        jdbc.query("""
                select s.document_id, s.title, r ->> 'relation' as relation
                from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                    cross join lateral jsonb_array_elements(s.related) r
                where d.status in ('LIVE', 'WITHDRAWN') and s.related @> ?::jsonb and r ->> 'documentId' = ? and s.document_id <> ?
                order by d.first_published_at""",
                rs -> {
                    String relation = rs.getString("relation");
                    String reverse = switch (relation) {
                        case "INTERPRETS" -> "INTERPRETED_BY";
                        case "REPLACES" -> "REPLACED_BY";
                        default -> relation;
                    };
                    String other = rs.getString(1);
                    if (links.stream().noneMatch(l -> l.documentId().equals(other))) {
                        links.add(new RelatedRef(other, rs.getString(2), reverse));
                    }
                }, json.writeValueAsString(List.of(java.util.Map.of("documentId", documentId))), documentId, documentId);
        return links;
    }

    private List<RelatedRef> related(String text) {
        List<RelatedRef> refs = new ArrayList<>();
        for (JsonNode node : json.readTree(text)) {
            refs.add(new RelatedRef(node.get("documentId").asString(), node.get("title").asString(), node.get("relation").asString()));
        }
        return refs;
    }
}
