package org.gongkai.publication;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
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
// each public read is one statement (a list's count is kept): no BEGIN and COMMIT around it, which were about 8 % of an
// uncached item page's CPU; on a public page the connection still comes from the replica (ReplicaConfiguration)
@Transactional(readOnly = true, propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
public class PublishedItems {

    public static final int MAX_PAGE_SIZE = 50;

    static final String SUMMARY_COLUMNS = """
            d.document_id, d.index_number, s.title, s.summary, s.document_number, s.written_on, d.first_published_at,
            d.last_major_change_at, s.issuing_department_name, s.catalogue_code, s.catalogue_name, s.topic, s.genre,
            d.validity, d.status, s.emergency""";
    static final String VISIBLE = """
            from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
            where\s""" + PublicStatus.SHOWN;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final java.time.ZoneId zone;

    PublishedItems(JdbcTemplate jdbc, ObjectMapper json, java.time.ZoneId zone) {
        this.zone = zone;
        this.jdbc = jdbc;
        this.json = json;
    }

    public PublicStatus status(String documentId) {
        List<String> status = jdbc.queryForList("select status from public_document where document_id = ?", String.class, documentId);
        return status.isEmpty() ? PublicStatus.NONE : PublicStatus.valueOf(status.get(0));
    }

    /**
     * The item page of a live or withdrawn document; empty for unpublished and unknown ids alike. One statement: the
     * snapshot, its history, which of the items it names are still public, and the public items that name it (as JSON).
     */
    public Optional<PublicItem> find(String documentId) {
        List<PublicItem> items = jdbc.query(ITEM_PAGE, (rs, n) -> {
            ItemSummary summary = summary(rs);
            List<Change> history = new ArrayList<>();
            for (JsonNode change : json.readTree(rs.getString("history"))) {
                int edition = change.get("n").asInt();
                long micros = change.get("at").asLong();
                String note = change.get("note").isNull() ? null : change.get("note").asString();
                history.add(new Change(edition, Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1000L),
                        note == null || note.isBlank() ? (edition == 1 ? "首次发布" : "") : note));
            }
            return new PublicItem(summary, rs.getInt("edition_number"), rs.getString("keywords"), rs.getString("audience"),
                    rs.getString("disclosure_attribute"), rs.getString("body_html"), attachments(rs.getString("attachments")),
                    links(related(rs.getString("related")), rs.getString("visible_related"), rs.getString("backlinks")), history,
                    rs.getString("tables"), date(rs, "validity_changed_on"), rs.getString("withdrawal_reason"),
                    rs.getLong("page_version"));
        }, documentId);
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    private static final String ITEM_PAGE = "select " + SUMMARY_COLUMNS + """
            , s.edition_number, s.keywords, s.audience, s.disclosure_attribute, s.body_html, s.attachments, s.related,
              s.tables, d.validity_changed_on, d.withdrawal_reason, d.page_version,
              (select coalesce(jsonb_agg(jsonb_build_object('n', h.edition_number,
                          'at', (extract(epoch from h.published_at) * 1000000)::bigint, 'note', h.change_note)
                      order by h.edition_number desc), '[]')
               from publication_snapshot h
               where h.document_id = d.document_id and (not h.minor_change or h.edition_number = 1)) as history,
              (select coalesce(jsonb_agg(v.document_id), '[]') from public_document v
               where v.status in ('LIVE', 'WITHDRAWN')
                 and v.document_id in (select r ->> 'documentId' from jsonb_array_elements(s.related) r)) as visible_related,
              (select coalesce(jsonb_agg(jsonb_build_object('id', o.document_id, 'title', o.title, 'relation', o.relation)
                      order by o.first_published_at), '[]')
               from (select os.document_id, os.title, r ->> 'relation' as relation, od.first_published_at
                     from public_document od join publication_snapshot os on os.id = od.current_snapshot_id
                         cross join lateral jsonb_array_elements(os.related) r
                     where od.status in ('LIVE', 'WITHDRAWN')
                       and os.related @> jsonb_build_array(jsonb_build_object('documentId', d.document_id))
                       and r ->> 'documentId' = d.document_id and os.document_id <> d.document_id) o) as backlinks
            """ + VISIBLE + " and d.document_id = ?";

    /** An attachment of the current snapshot of a live or withdrawn document, by its place in the list (from 1). */
    public Optional<PublishedFile> attachment(String documentId, int number) {
        if (number < 1) {
            return Optional.empty();
        }
        return jdbc.query("""
                select a ->> 'name', a ->> 'mediaType', f.content
                from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                    cross join lateral (select s.attachments -> (? - 1) as a) x
                    join published_file f on f.sha256 = x.a ->> 'sha256'
                where d.status in ('LIVE', 'WITHDRAWN') and d.document_id = ?""",
                (rs, n) -> new PublishedFile(rs.getString(1), rs.getString(2), rs.getBytes(3)), number, documentId)
                .stream().findFirst();
    }

    public List<ItemSummary> latest(int limit) {
        return jdbc.query("select " + SUMMARY_COLUMNS + " " + VISIBLE + " order by d.last_major_change_at desc"
                + limitOffset(Math.min(limit, MAX_PAGE_SIZE), 0), (rs, n) -> summary(rs), NO_ARGUMENTS);
    }

    /** Live emergency notices (应急信息), newest first. */
    public List<ItemSummary> emergencies(int limit) {
        return jdbc.query("select " + SUMMARY_COLUMNS + " " + VISIBLE
                        + " and s.emergency and d.status = 'LIVE' order by d.first_published_at desc"
                        + limitOffset(Math.min(limit, MAX_PAGE_SIZE), 0), (rs, n) -> summary(rs), NO_ARGUMENTS);
    }

    /** A filtered, paged list, newest first (catalogue pages, feeds). */
    public Page<ItemSummary> list(ItemFilter filter, int page, int size) {
        int pageSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        int current = Math.max(1, page);
        List<Object> args = new ArrayList<>();
        String where = filterSql(filter, args);
        // the count of a filter is the same for every page of it, until the next public change
        String countKey = where + java.util.Arrays.deepToString(args.toArray());
        long generation = changes.get();
        Long total = counts.getIfPresent(countKey);
        if (total == null) {
            total = jdbc.queryForObject("select count(*) " + VISIBLE + where, Long.class, args.toArray());
            if (total != null && changes.get() == generation) {
                counts.put(countKey, total);
            }
        }
        long offset = (long) (current - 1) * pageSize;
        Collection<String> codes = filter == null ? null : filter.catalogueCodes();
        List<ItemSummary> items;
        if (codes != null && codes.size() > 1) {
            items = listOfColumns(filter, codes, pageSize, offset);
        } else if (filtersSnapshot(filter)) {
            items = jdbc.query("select " + SUMMARY_COLUMNS + " " + VISIBLE + where + " order by " + NEWEST_FIRST
                    + limitOffset(pageSize, offset), (rs, n) -> summary(rs), args.toArray());
        } else {
            items = jdbc.query(summariesOf("select d.document_id, d.last_major_change_at from public_document d where "
                    + PublicStatus.SHOWN + where + " order by " + NEWEST_FIRST + limitOffset(pageSize, offset)),
                    (rs, n) -> summary(rs), args.toArray());
        }
        return new Page<>(items, current, pageSize, total == null ? 0 : total);
    }

    /**
     * The summaries of the page of documents that {@code pageSql} picks ({@code document_id, last_major_change_at}, newest
     * first), joined to their snapshots only now. Picked from the list's index alone (an index-only scan), the rows a page
     * skips are never joined: page 300 of a column with sub-columns read 36,000 snapshot buffers to show twenty of them (25 ms
     * of PostgreSQL's time, 0.9 ms so), page 5 a fifth of that (0.34 ms, 0.26 ms).
     */
    private static String summariesOf(String pageSql) {
        return "select " + SUMMARY_COLUMNS + " from (" + pageSql + ") p join public_document d on d.document_id = p.document_id"
                + " join publication_snapshot s on s.id = d.current_snapshot_id where " + PublicStatus.SHOWN
                + " order by " + NEWEST_FIRST;
    }

    /** Whether the filter reads the snapshot (主题, 体裁, 发布机构): then a page is picked with its snapshots joined. */
    private static boolean filtersSnapshot(ItemFilter filter) {
        return filter != null && (notBlank(filter.topic()) || notBlank(filter.genre()) || notBlank(filter.department()));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static final Object[] NO_ARGUMENTS = new Object[0];

    private static final String NEWEST_FIRST = "d.last_major_change_at desc, d.document_id";

    /**
     * A page of a column with sub-columns: each column's newest items (one ordered range of public_document_column_idx,
     * at most offset + size rows) merged in date order, instead of every item of the columns sorted on each request; the
     * merge stops after offset + size rows in all. With the limits written in ({@link #limitOffset}) PostgreSQL keeps one
     * generic plan for it: with bound limits it planned the union again for every page, 1.6 ms of planning for 0.4 ms of
     * reading with five columns.
     */
    private List<ItemSummary> listOfColumns(ItemFilter filter, Collection<String> codes, int pageSize, long offset) {
        List<Object> args = new ArrayList<>();
        boolean withSnapshots = filtersSnapshot(filter);
        String columns = withSnapshots ? SUMMARY_COLUMNS + " " + VISIBLE
                : "d.document_id, d.last_major_change_at from public_document d where " + PublicStatus.SHOWN;
        java.util.StringJoiner branches = new java.util.StringJoiner(" union all ", "select * from (", ") u");
        for (String code : codes) {
            String where = documentFilterSql(filter, args, zone) + " and d.catalogue_code = ?";
            args.add(code);
            where += topicFilterSql(filter, args);
            branches.add("(select " + columns + where + " order by " + NEWEST_FIRST + limitOffset(offset + pageSize, 0) + ")");
        }
        String page = branches + " order by last_major_change_at desc, document_id" + limitOffset(pageSize, offset);
        return jdbc.query(withSnapshots ? page : summariesOf(page), (rs, n) -> summary(rs), args.toArray());
    }

    /**
     * A limit and offset written into the statement, not bound: PostgreSQL plans a statement whose limit is a parameter
     * again at every execution (its generic plan, not knowing the limit, looks too dear to be chosen), which cost the home
     * page 0.5 ms of planning for 0.07 ms of reading. Written in, a page's statement gets one plan that every request for
     * that page reuses. The values are numbers this class computed, never a reader's text. A statement without parameters
     * is still sent as a prepared one ({@link #NO_ARGUMENTS}): JdbcTemplate sends it as a plain statement otherwise, which
     * PostgreSQL parses and plans every time.
     */
    private static String limitOffset(long limit, long offset) {
        return " limit " + limit + (offset > 0 ? " offset " + offset : "");
    }

    /** Filters on the document (publication year, validity) for the search's semi-join. */
    static String documentFilterSql(ItemFilter filter, List<Object> args, java.time.ZoneId zone) {
        StringBuilder sql = new StringBuilder();
        if (filter == null) {
            return "";
        }
        if (filter.year() != null) {
            sql.append(" and d.first_published_at >= make_timestamptz(?, 1, 1, 0, 0, 0, ?)"
                    + " and d.first_published_at < make_timestamptz(?, 1, 1, 0, 0, 0, ?)");
            args.add(filter.year());
            args.add(zone.getId());
            args.add(filter.year() + 1);
            args.add(zone.getId());
        }
        if (filter.validity() != null) {
            sql.append(" and d.validity = ?");
            args.add(filter.validity().name());
        }
        return sql.toString();
    }

    /** Filters on the snapshot (column, topic, genre, department) for the search. */
    static String snapshotFilterSql(ItemFilter filter, List<Object> args) {
        return columnFilterSql(filter, args, "s") + topicFilterSql(filter, args);
    }

    /**
     * The column filter, on the snapshot ({@code s}) or on the document ({@code d}), which carries its current snapshot's
     * column (V48): one column is an equality, so that a column page is one ordered range of public_document_column_idx.
     */
    private static String columnFilterSql(ItemFilter filter, List<Object> args, String alias) {
        if (filter == null || filter.catalogueCodes() == null || filter.catalogueCodes().isEmpty()) {
            return "";
        }
        if (filter.catalogueCodes().size() == 1) {
            args.add(filter.catalogueCodes().iterator().next());
            return " and " + alias + ".catalogue_code = ?";
        }
        args.add(filter.catalogueCodes().toArray(String[]::new));
        return " and " + alias + ".catalogue_code = any (?)";
    }

    /** Filters on the snapshot's classification and issuer. */
    private static String topicFilterSql(ItemFilter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder();
        if (filter == null) {
            return "";
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
                        + VISIBLE + " and jsonb_array_length(s.tables) > 0 order by changed desc" + limitOffset(Math.min(limit, 5000), 0),
                (rs, n) -> new ItemWithTables(summary(rs), rs.getString("tables"), rs.getTimestamp("changed").toInstant()),
                NO_ARGUMENTS);
    }

    /**
     * Filter choices, computed over everything published and kept until the next publication change, so that a search
     * or catalogue page does not scan the whole read model for them. No transaction of its own while they are kept.
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
        counts.invalidateAll();
    }

    /** A public change committed by another node (or this one): the facets may have changed there too. */
    @org.springframework.context.event.EventListener
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public void forgetFacets(org.gongkai.infrastructure.PublicChangeObserved observed) {
        changes.incrementAndGet();
        facets = null;
        counts.invalidateAll();
    }

    /** How many items a list filter has (catalogue pages), kept like the facets until the next public change. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Long> counts =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000).build();

    private volatile Facets facets;
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    private Facets computeFacets() {
        return FacetChoices.read(jdbc, zone);
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
    private String filterSql(ItemFilter filter, List<Object> args) {
        String documentPart = documentFilterSql(filter, args, zone) + columnFilterSql(filter, args, "d");
        return documentPart + topicFilterSql(filter, args);
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
    private List<RelatedRef> links(List<RelatedRef> own, String visibleJson, String backlinksJson) {
        List<RelatedRef> links = new ArrayList<>();
        if (!own.isEmpty()) {
            java.util.Set<String> visible = new java.util.HashSet<>();
            json.readTree(visibleJson).forEach(node -> visible.add(node.asString()));
            own.stream().filter(r -> visible.contains(r.documentId())).forEach(links::add);
        }
        for (JsonNode node : json.readTree(backlinksJson)) {
            String relation = node.get("relation").asString();
            String reverse = switch (relation) {
                case "INTERPRETS" -> "INTERPRETED_BY";
                case "REPLACES" -> "REPLACED_BY";
                default -> relation;
            };
            String other = node.get("id").asString();
            if (links.stream().noneMatch(l -> l.documentId().equals(other))) {
                links.add(new RelatedRef(other, node.get("title").asString(), reverse));
            }
        }
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
