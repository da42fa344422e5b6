package org.gongkai.publication;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.gongkai.publication.PublicViews.AttachmentRef;
import org.gongkai.publication.PublicViews.Change;
import org.gongkai.publication.PublicViews.Facets;
import org.gongkai.publication.PublicViews.ItemFilter;
import org.gongkai.publication.PublicViews.ItemSummary;
import org.gongkai.publication.PublicViews.Page;
import org.gongkai.publication.PublicViews.PublicItem;
import org.gongkai.publication.PublicViews.PublishedFile;
import org.gongkai.publication.PublicViews.RelatedRef;
import org.gongkai.publication.PublicViews.SearchHit;
import org.gongkai.publication.PublicViews.Segment;
import org.gongkai.publication.PublicViews.SitemapEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Queries over the public read model only: current snapshots of live and withdrawn documents. Unpublished documents are
 * absent from every list, search, feed and the sitemap; their pages are told apart only by {@link #status}.
 */
@Service
@Transactional(readOnly = true)
public class PublishedItems {

    /** Longest search query accepted, in characters; longer input is cut. */
    public static final int MAX_QUERY_LENGTH = 40;
    public static final int MAX_PAGE_SIZE = 50;
    /** Search counts stop here ("1000 条以上"); nobody pages past it, and counting further costs every query. */
    public static final int SEARCH_RESULT_CAP = 1000;
    /** Longest a search statement may run before PostgreSQL cancels it (see {@link #isSearchTimeout}). */
    public static final int SEARCH_TIMEOUT_MILLIS = 3000;
    private static final int SNIPPET_RADIUS = 40;

    private static final String SUMMARY_COLUMNS = """
            d.document_id, d.index_number, s.title, s.summary, s.document_number, s.written_on, d.first_published_at,
            d.last_major_change_at, s.issuing_department_name, s.catalogue_code, s.catalogue_name, s.topic, s.genre,
            d.validity, d.status, s.emergency""";
    private static final String VISIBLE = """
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
                    rs.getString("tables"), date(rs, "validity_changed_on"), rs.getString("withdrawal_reason"));
        }, documentId);
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    private static final String ITEM_PAGE = "select " + SUMMARY_COLUMNS + """
            , s.edition_number, s.keywords, s.audience, s.disclosure_attribute, s.body_html, s.attachments, s.related,
              s.tables, d.validity_changed_on, d.withdrawal_reason,
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
        args.add(pageSize);
        args.add((long) (current - 1) * pageSize);
        List<ItemSummary> items = jdbc.query("select " + SUMMARY_COLUMNS + " " + VISIBLE + where
                + " order by d.last_major_change_at desc, d.document_id limit ? offset ?", (rs, n) -> summary(rs), args.toArray());
        return new Page<>(items, current, pageSize, total == null ? 0 : total);
    }

    /**
     * Chinese substring search: each whitespace-separated term must occur in the title, summary, body, 文号, 索引号 or
     * 发布机构, all compared as {@link SearchText} normalises them (the stored {@code search_title} and {@code search_text}).
     * Terms of two or more characters are found through the bigram index; a query that is a whole 文号 or 索引号 ranks that
     * document first, then title matches, then the newest.
     * <p>
     * The work per query is bounded however common the terms are. The first query reads at most
     * {@link #SEARCH_RESULT_CAP} + 1 matches through the bigram index: if that is all of them, they are ranked here. If there
     * are more ("1000 条以上"), the page is taken by walking the newest snapshots in date order (an index that carries the
     * title, so title matches need no table pages) and stopping as soon as the page is full; a term too rare for that walk is
     * ranked from its own index matches instead, which are then few.
     */
    public Page<SearchHit> search(String query, ItemFilter filter, int page, int size) {
        List<String> terms = terms(query);
        int pageSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        int current = Math.max(1, Math.min(page, SEARCH_RESULT_CAP / pageSize));
        if (terms.isEmpty()) {
            return new Page<>(List.of(), current, pageSize, 0);
        }
        // a large sort must not wait for a JIT compilation that costs more than the query itself
        jdbc.execute("set local jit = off");
        // no public search may hold a connection for long, whatever plan a rare combination of term and filters gets
        jdbc.execute("set local statement_timeout = " + SEARCH_TIMEOUT_MILLIS);
        Match match = new Match(terms, filter);
        int offset = (current - 1) * pageSize;
        int wanted = offset + pageSize;
        // an exact 文号 or 索引号 comes first, whatever else matches
        List<Long> exact = exactNumber(query, match);
        Ranked ranked = ranked(match, wanted);
        List<Long> all = new ArrayList<>(exact);
        ranked.ids().stream().filter(id -> !exact.contains(id)).forEach(all::add);
        long total = ranked.total() >= SEARCH_RESULT_CAP ? SEARCH_RESULT_CAP
                : Math.min(SEARCH_RESULT_CAP, ranked.total() + exact.stream().filter(id -> !ranked.all().contains(id)).count());
        List<Long> ids = all.subList(Math.min(offset, all.size()), Math.min(wanted, all.size()));
        return hits(terms, ids, current, pageSize, total);
    }

    /** The first {@code wanted} matches in rank order, how many there are (up to the cap), and all of them when fewer. */
    private record Ranked(List<Long> ids, long total, Set<Long> all) {
    }

    private Ranked ranked(Match match, int wanted) {
        List<Long> ids = frequentInTitles(match, wanted);
        if (ids == null && frequentInText(match)) {
            ids = frequentPage(match, wanted);
        }
        if (ids != null) {
            return new Ranked(ids, SEARCH_RESULT_CAP, Set.of());
        }
        Sql candidates = Sql.of("select s.id, s.published_at, ").and(match.inTitle()).and(Sql.of(" as in_title from publication_snapshot s where "))
                .and(match.fullTextIndex()).and(match.inFullText(true)).and(match.isPublic()).and(match.snapshotFilter())
                .and(Sql.of(" limit ?", SEARCH_RESULT_CAP + 1));
        List<Candidate> found = jdbc.query(candidates.sql(),
                (rs, n) -> new Candidate(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getBoolean(3)), candidates.args().toArray());
        if (found.size() <= SEARCH_RESULT_CAP) {
            return new Ranked(found.stream().sorted(Candidate.RANKING).limit(wanted).map(Candidate::id).toList(), found.size(),
                    found.stream().map(Candidate::id).collect(java.util.stream.Collectors.toSet()));
        }
        return new Ranked(frequentPage(match, wanted), SEARCH_RESULT_CAP, Set.of());
    }

    /**
     * Current public snapshots whose 文号 or 索引号 is the whole query, however its brackets and spaces were typed (at most
     * a few; newest first), found through the index of their keys.
     */
    private List<Long> exactNumber(String query, Match match) {
        String key = SearchText.key(query.length() > MAX_QUERY_LENGTH ? query.substring(0, MAX_QUERY_LENGTH) : query);
        if (key == null || key.codePointCount(0, key.length()) < 4) {
            return List.of();
        }
        Sql exact = Sql.of("select s.id from publication_snapshot s where s.search_keys @> array[?::text]", key)
                .and(match.isPublic()).and(match.snapshotFilter()).and(Sql.of(" order by s.published_at desc, s.id limit 10"));
        return jdbc.queryForList(exact.sql(), Long.class, exact.args().toArray());
    }

    private Page<SearchHit> hits(List<String> terms, List<Long> ids, int current, int pageSize, long total) {
        if (ids.isEmpty()) {
            return new Page<>(List.of(), current, pageSize, total);
        }
        java.util.Map<Long, SearchHit> byId = new java.util.HashMap<>();
        jdbc.query("select s.id as snapshot_id, " + SUMMARY_COLUMNS + ", s.body_text " + VISIBLE + " and s.id = any (?)",
                rs -> {
                    ItemSummary item = summary(rs);
                    String summary = item.summary() == null ? "" : item.summary();
                    String normalSummary = SearchText.normalise(summary);
                    String text = terms.stream().allMatch(normalSummary::contains) ? summary : summary + " " + rs.getString("body_text");
                    byId.put(rs.getLong("snapshot_id"),
                            new SearchHit(item, highlight(item.title(), terms), highlight(snippet(text, terms), terms)));
                }, (Object) ids.toArray(Long[]::new));
        List<SearchHit> hits = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        return new Page<>(hits, current, pageSize, total);
    }

    /**
     * A term in thousands of titles (医师 is in 4 % of them) is counted and paged by walking the newest titles, which the
     * date index holds, instead of through the bigram index, which would list every one of its matches first. Whether a
     * term is that common is estimated from the bigram frequencies that ANALYZE keeps; if the walk does not find more
     * than the cap after all, the search goes on as for rarer terms. Gives null when the walk was not tried or failed.
     */
    private List<Long> frequentInTitles(Match match, int wanted) {
        double share = bigramShares().titleShare(match.bigrams());
        // the shares know nothing of filters, which may leave few matches to find: filtered searches use the index
        if (match.hasFilter() || share * TITLE_COUNT_WALK < 2 * (SEARCH_RESULT_CAP + 1)) {
            return null;
        }
        Sql inTitle = match.inTitle().and(match.isPublic()).and(match.snapshotFilter());
        List<Long> titled = walk(TITLE_COUNT_WALK, match.hasSnapshotFilter() ? "s.*" : "s.id, s.published_at, s.search_title",
                inTitle, SEARCH_RESULT_CAP + 1);
        return titled.size() > SEARCH_RESULT_CAP ? titled.subList(0, Math.min(wanted, titled.size())) : null;
    }

    static final int TITLE_COUNT_WALK = 60_000;

    /**
     * Whether a term that is in most texts though not in many titles (工作, 各区) has more matches than the cap, found by
     * walking the newest snapshots: the bigram index would first list every one of its matches, beyond what a bitmap of
     * work_mem holds exactly, and then recompute the bigrams of every text.
     */
    private boolean frequentInText(Match match) {
        double share = bigramShares().textShare(match.bigrams());
        // (with filters too: for such a term the bigram index is the slower way even when a filter leaves few matches)
        if (share * TEXT_COUNT_WALK < 2 * (SEARCH_RESULT_CAP + 1)) {
            return false;
        }
        Sql inText = Sql.of("true").and(match.inFullText(false)).and(match.isPublic()).and(match.snapshotFilter());
        return walk(TEXT_COUNT_WALK, "s.*", inText, SEARCH_RESULT_CAP + 1).size() > SEARCH_RESULT_CAP;
    }

    static final int TEXT_COUNT_WALK = 10_000;

    /**
     * Share of titles, and of whole texts, that hold each bigram, from pg_stats of the two bigram indexes; reread every
     * few minutes. A bigram too rare to be listed counts as the rarest listed one.
     */
    record BigramShares(java.util.Map<String, Double> title, double rarestTitle, java.util.Map<String, Double> text,
                        double rarestText, long readAt) {
        double titleShare(Set<String> bigrams) {
            return bigrams.stream().mapToDouble(b -> title.getOrDefault(b, rarestTitle)).min().orElse(0);
        }

        double textShare(Set<String> bigrams) {
            return bigrams.stream().mapToDouble(b -> text.getOrDefault(b, rarestText)).min().orElse(0);
        }
    }

    private volatile BigramShares shares;

    /** Rereads the bigram frequencies at the next search (for tests, after ANALYZE). */
    void forgetBigramShares() {
        shares = null;
    }

    private BigramShares bigramShares() {
        BigramShares known = shares;
        if (known == null || System.currentTimeMillis() - known.readAt() > 300_000) {
            java.util.Map<String, java.util.Map<String, Double>> byIndex = new java.util.HashMap<>();
            java.util.Map<String, Double> rarest = new java.util.HashMap<>();
            jdbc.query("""
                    select tablename, most_common_elems::text::text[], most_common_elem_freqs from pg_stats
                    where schemaname = current_schema()
                      and tablename in ('publication_snapshot_title_idx', 'publication_snapshot_search_idx')
                      and most_common_elems is not null""", rs -> {
                String[] elems = (String[]) rs.getArray(2).getArray();
                Object freqs = rs.getArray(3).getArray();
                Number[] f = freqs instanceof Number[] n ? n : new Number[0];
                java.util.Map<String, Double> share = new java.util.HashMap<>();
                for (int i = 0; i < elems.length && i < f.length; i++) {
                    share.put(elems[i], f[i].doubleValue());
                }
                byIndex.put(rs.getString(1), share);
                // after the elements' frequencies come the lowest and the highest of them
                rarest.put(rs.getString(1), f.length > elems.length ? f[elems.length].doubleValue() : 0);
            });
            known = new BigramShares(byIndex.getOrDefault("publication_snapshot_title_idx", java.util.Map.of()),
                    rarest.getOrDefault("publication_snapshot_title_idx", 0.0),
                    byIndex.getOrDefault("publication_snapshot_search_idx", java.util.Map.of()),
                    rarest.getOrDefault("publication_snapshot_search_idx", 0.0), System.currentTimeMillis());
            shares = known;
        }
        return known;
    }

    /** How many of the newest snapshots a search walks before it ranks a rarer term from its index matches instead. */
    static final int TITLE_WALK = 20_000;
    static final int BODY_WALK = 4_000;

    /**
     * The page of a query with more matches than the cap: title matches newest first, then the other matches newest
     * first, each read in date order and stopped when the page is full.
     */
    private List<Long> frequentPage(Match match, int wanted) {
        // title matches: walk the newest snapshots through the index that holds the title
        Sql inTitle = match.inTitle().and(match.isPublic()).and(match.snapshotFilter());
        List<Long> titled = walk(TITLE_WALK, match.hasSnapshotFilter() ? "s.*" : "s.id, s.published_at, s.search_title", inTitle,
                wanted);
        if (titled.size() < wanted) {
            // too rare for the walk: rank all title matches, found through the title's bigram index
            titled = ranked(match.titleIndex(), match.inTitle().and(match.snapshotFilter()), match.isPublic(), wanted);
        }
        if (titled.size() >= wanted) {
            return titled.subList(0, wanted);
        }
        // `titled` holds every title match; the rest of the page are matches in the summary or body only
        int bodyWanted = wanted - titled.size();
        Sql notInTitle = Sql.of("not (").and(match.inTitle()).and(Sql.of(")"));
        Sql rest = match.isPublic().and(match.snapshotFilter());
        List<Long> others = walk(BODY_WALK, "s.*", notInTitle.and(match.inFullText(false)).and(rest), bodyWanted);
        if (others.size() < bodyWanted) {
            others = ranked(match.fullTextIndex(), notInTitle.and(match.inFullText(true)).and(match.snapshotFilter()),
                    match.isPublic(), bodyWanted);
        }
        List<Long> all = new ArrayList<>(titled);
        all.addAll(others);
        return all.subList(0, Math.min(wanted, all.size()));
    }

    /** The first {@code wanted} snapshots meeting {@code condition} among the {@code budget} newest, newest first. */
    private List<Long> walk(int budget, String columns, Sql condition, int wanted) {
        Sql query = Sql.of("select s.id from (select " + columns + " from publication_snapshot s"
                        + " order by s.published_at desc, s.id limit ?) s where ", budget)
                .and(condition).and(Sql.of(" order by s.published_at desc, s.id limit ?", wanted));
        return jdbc.queryForList(query.sql(), Long.class, query.args().toArray());
    }

    /**
     * The first {@code wanted} snapshots found through a bigram index and meeting {@code condition}, newest first; only
     * those are checked for being public (nearly all are), in date order, instead of every match.
     */
    private List<Long> ranked(Sql index, Sql condition, Sql isPublic, int wanted) {
        // each "offset 0" keeps the planner from reordering: first the index matches (not a walk of the dates with a
        // per-row bigram check), sorted, then the public check in that order until the page is full
        Sql query = Sql.of("select s.id from (select m.* from (select s.id, s.published_at from publication_snapshot s where ")
                .and(index).and(Sql.of(" and ")).and(condition)
                .and(Sql.of(" offset 0) m order by m.published_at desc, m.id offset 0) s where true")).and(isPublic)
                .and(Sql.of(" order by s.published_at desc, s.id limit ?", wanted));
        return jdbc.queryForList(query.sql(), Long.class, query.args().toArray());
    }

    private record Candidate(long id, Instant publishedAt, boolean inTitle) {
        static final java.util.Comparator<Candidate> RANKING = java.util.Comparator.comparing(Candidate::inTitle).reversed()
                .thenComparing(Candidate::publishedAt, java.util.Comparator.reverseOrder()).thenComparingLong(Candidate::id);
    }

    /** A piece of SQL with its arguments, in order. */
    private record Sql(String sql, List<Object> args) {
        static Sql of(String sql, Object... args) {
            return new Sql(sql, List.of(args));
        }

        Sql and(Sql next) {
            List<Object> all = new ArrayList<>(args);
            all.addAll(next.args);
            return new Sql(sql + next.sql, all);
        }
    }

    /** The conditions of one search over a snapshot {@code s}. */
    private static final class Match {
        private final List<String> terms;
        private final String tsquery;
        private final ItemFilter filter;

        Set<String> bigrams() {
            Set<String> bigrams = new LinkedHashSet<>();
            for (String term : terms) {
                int[] cps = term.codePoints().toArray();
                for (int i = 0; i + 1 < cps.length; i++) {
                    bigrams.add(new String(cps, i, 2));
                }
            }
            return bigrams;
        }

        Match(List<String> terms, ItemFilter filter) {
            this.terms = terms;
            this.tsquery = tsquery(terms);
            this.filter = filter;
        }

        /** Every term is in the title. */
        Sql inTitle() {
            List<Object> args = new ArrayList<>();
            terms.forEach(t -> args.add("%" + t + "%"));
            return new Sql("(" + String.join(" and ", terms.stream().map(t -> "s.search_title like ?").toList()) + ")", args);
        }

        /** The bigram index of title, summary and body; "true" when only single characters are asked for. */
        Sql fullTextIndex() {
            return tsquery.isEmpty() ? Sql.of("true")
                    : Sql.of("cjk_bigrams(s.search_text) @@ ?::tsquery", tsquery);
        }

        /** The bigram index of the title; "true" when only single characters are asked for. */
        Sql titleIndex() {
            return tsquery.isEmpty() ? Sql.of("true") : Sql.of("cjk_bigrams(s.search_title) @@ ?::tsquery", tsquery);
        }

        /**
         * " and" every term is in the title, summary or body (terms have no spaces, so this is the same as in the three
         * joined). After the bigram index a two-character term needs no check: it is one bigram, matched exactly; longer
         * terms are checked because their bigrams may occur apart.
         */
        Sql inFullText(boolean afterIndex) {
            StringBuilder sql = new StringBuilder();
            List<Object> args = new ArrayList<>();
            for (String t : terms) {
                if (afterIndex && !tsquery.isEmpty() && t.codePointCount(0, t.length()) == 2) {
                    continue;
                }
                sql.append(" and s.search_text like ?");
                args.add("%" + t + "%");
            }
            return new Sql(sql.toString(), args);
        }

        /** " and" the snapshot is the current one of a live or withdrawn document that passes the document filters. */
        Sql isPublic() {
            List<Object> args = new ArrayList<>();
            String documentFilter = documentFilterSql(filter, args);
            return new Sql(" and exists (select 1 from public_document d where d.current_snapshot_id = s.id"
                    + " and d.status in ('LIVE', 'WITHDRAWN')" + documentFilter + ")", args);
        }

        /** " and" the filters on the snapshot (column, topic, genre, department). */
        Sql snapshotFilter() {
            List<Object> args = new ArrayList<>();
            String sql = snapshotFilterSql(filter, args);
            return new Sql(sql, args);
        }

        boolean hasFilter() {
            return hasSnapshotFilter() || !isPublic().args().isEmpty();
        }

        boolean hasSnapshotFilter() {
            return !snapshotFilter().sql().isEmpty();
        }

    }

    /** Filters on the document (publication year, validity) for the search's semi-join. */
    private static String documentFilterSql(ItemFilter filter, List<Object> args) {
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
    private static String snapshotFilterSql(ItemFilter filter, List<Object> args) {
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

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /**
     * Search terms, normalised as the indexed text is ({@link SearchText#terms}): whitespace-separated, letters, digits and
     * inner brackets only, at most five, bounded in length.
     */
    static List<String> terms(String query) {
        if (query == null) {
            return List.of();
        }
        String bounded = query.length() > MAX_QUERY_LENGTH ? query.substring(0, MAX_QUERY_LENGTH) : query;
        return SearchText.terms(bounded).stream().limit(5).toList();
    }

    /** AND of the bigrams of every term of two or more characters; single characters are left to the ILIKE check. */
    static String tsquery(List<String> terms) {
        Set<String> bigrams = new LinkedHashSet<>();
        for (String term : terms) {
            int[] cps = term.codePoints().toArray();
            for (int i = 0; i + 1 < cps.length; i++) {
                bigrams.add(new String(cps, i, 2));
            }
        }
        return String.join(" & ", bigrams.stream().map(b -> "'" + b + "'").toList());
    }

    /** The text in segments, the terms marked wherever they occur once the text is normalised as search normalises it. */
    static List<Segment> highlight(String text, List<String> terms) {
        List<Segment> segments = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return segments;
        }
        SearchText.Mapped mapped = SearchText.mapped(text);
        int at = 0;
        int rawAt = 0;
        while (at < mapped.text().length()) {
            int best = -1;
            int bestLength = 0;
            for (String term : terms) {
                int found = mapped.indexOf(term, at);
                if (found >= 0 && (best < 0 || found < best || (found == best && term.length() > bestLength))) {
                    best = found;
                    bestLength = term.length();
                }
            }
            if (best < 0) {
                break;
            }
            int rawStart = Math.max(rawAt, mapped.from()[best]);
            int rawEnd = Math.max(rawStart, mapped.to()[best + bestLength - 1]);
            if (rawStart > rawAt) {
                segments.add(new Segment(text.substring(rawAt, rawStart), false));
            }
            if (rawEnd > rawStart) {
                segments.add(new Segment(text.substring(rawStart, rawEnd), true));
            }
            rawAt = rawEnd;
            at = best + bestLength;
        }
        if (rawAt < text.length()) {
            segments.add(new Segment(text.substring(rawAt), false));
        }
        return segments;
    }

    static String snippet(String text, List<String> terms) {
        if (text == null) {
            return "";
        }
        SearchText.Mapped mapped = SearchText.mapped(text);
        int first = terms.stream().mapToInt(t -> mapped.indexOf(t, 0)).filter(i -> i >= 0).map(i -> mapped.from()[i]).min().orElse(0);
        int start = Math.max(0, first - SNIPPET_RADIUS);
        int end = Math.min(text.length(), first + SNIPPET_RADIUS * 2);
        return (start > 0 ? "…" : "") + text.substring(start, end).strip() + (end < text.length() ? "…" : "");
    }

    /** Filters of lists: on the document (year, validity), then on the snapshot (column, topic, genre, department). */
    private static String filterSql(ItemFilter filter, List<Object> args) {
        String documentPart = documentFilterSql(filter, args);
        return documentPart + snapshotFilterSql(filter, args);
    }

    private static ItemSummary summary(ResultSet rs) throws SQLException {
        return new ItemSummary(rs.getString("document_id"), rs.getString("index_number"), rs.getString("title"),
                rs.getString("summary"), rs.getString("document_number"), date(rs, "written_on"),
                rs.getTimestamp("first_published_at").toInstant(), rs.getTimestamp("last_major_change_at").toInstant(),
                rs.getString("issuing_department_name"), rs.getString("catalogue_code"), rs.getString("catalogue_name"),
                rs.getString("topic"), rs.getString("genre"), Validity.valueOf(rs.getString("validity")),
                PublicStatus.valueOf(rs.getString("status")), rs.getBoolean("emergency"));
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
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
            Set<String> visible = new java.util.HashSet<>();
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

    /** Whether a failed search was cancelled by its statement timeout (SQLSTATE 57014), rather than broken. */
    public static boolean isSearchTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
