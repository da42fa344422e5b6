package org.gongkai.publication;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.gongkai.publication.PublicViews.ItemFilter;
import org.gongkai.publication.PublicViews.ItemSummary;
import org.gongkai.publication.PublicViews.Page;
import org.gongkai.publication.PublicViews.SearchHit;
import org.gongkai.publication.PublicViews.Segment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The public search: its planner ({@link SearchPlanner}), its statement timeout and how many searches run at once. Reads
 * only current snapshots of live and withdrawn documents, like {@link PublishedItems}.
 */
@Service
public class PublicSearch {

    /** Longest search query accepted, in characters; longer input is cut. */
    public static final int MAX_QUERY_LENGTH = 40;
    public static final int MAX_PAGE_SIZE = PublishedItems.MAX_PAGE_SIZE;
    /** Search counts stop here ("1000 条以上"); nobody pages past it, and counting further costs every query. */
    public static final int SEARCH_RESULT_CAP = 1000;
    /** Longest a search statement may run before PostgreSQL cancels it (see {@link #isSearchTimeout}). */
    public static final int SEARCH_TIMEOUT_MILLIS = 3000;
    private static final int SNIPPET_RADIUS = 40;
    private static final String SUMMARY_COLUMNS = PublishedItems.SUMMARY_COLUMNS;
    private static final String VISIBLE = PublishedItems.VISIBLE;

    private final JdbcTemplate jdbc;
    private final SearchPlanner planner;
    private final TransactionTemplate readOnly;
    /**
     * Searches that run at once; the others wait their turn (first come, first served) without holding a database
     * connection. On two cores, 32 searches at once got through half as many per second as 8 did (issue 6).
     */
    private final Semaphore running;
    private final long waitMillis;
    /** For the operator: searches cancelled by their statement timeout, and searches turned away (503) while busy. */
    private final Counter timeouts;
    private final Counter turnedAway;

    private final java.time.ZoneId zone;

    PublicSearch(JdbcTemplate jdbc, SearchPlanner planner, PlatformTransactionManager transactions,
                 @Value("${gongkai.search.concurrency:#{T(java.lang.Runtime).getRuntime().availableProcessors() * 2}}") int concurrency,
                 @Value("${gongkai.search.max-wait-millis:5000}") long waitMillis,
                 ObjectProvider<MeterRegistry> meters, java.time.ZoneId zone) {
        this.zone = zone;
        this.jdbc = jdbc;
        this.planner = planner;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.running = new Semaphore(Math.max(1, concurrency), true);
        this.waitMillis = waitMillis;
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.timeouts = Counter.builder("gongkai.search.timeouts")
                .description("public searches cancelled by their statement timeout").register(registry);
        this.turnedAway = Counter.builder("gongkai.search.rejected")
                .description("public searches answered 503 because too many were waiting").register(registry);
    }

    /** The order of results: relevance (an exact 文号 or 索引号, then title matches, then the newest), or newest first. */
    public enum Order {
        RELEVANCE, DATE
    }

    /** Too many searches were waiting for their turn; the caller answers 503. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("search busy", null, false, false);
        }
    }

    /**
     * A search in its own read-only transaction, once its turn comes (at most {@code gongkai.search.concurrency} at once;
     * {@link Busy} after {@code gongkai.search.max-wait-millis}). A statement cancelled by the timeout is counted and
     * rethrown (see {@link #isSearchTimeout}).
     */
    public Page<SearchHit> search(String query, ItemFilter filter, int page, int size) {
        return search(query, filter, Order.RELEVANCE, page, size);
    }

    public Page<SearchHit> search(String query, ItemFilter filter, Order order, int page, int size) {
        boolean admitted = false;
        try {
            admitted = running.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
            if (!admitted) {
                turnedAway.increment();
                throw new Busy();
            }
            return readOnly.execute(status -> searchNow(query, filter, order, page, size));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        } catch (RuntimeException e) {
            if (isSearchTimeout(e)) {
                timeouts.increment();
            }
            throw e;
        } finally {
            if (admitted) {
                running.release();
            }
        }
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
    private Page<SearchHit> searchNow(String query, ItemFilter filter, Order order, int page, int size) {
        List<String> terms = terms(query);
        int pageSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        int current = Math.max(1, Math.min(page, SEARCH_RESULT_CAP / pageSize));
        if (terms.isEmpty()) {
            return new Page<>(List.of(), current, pageSize, 0);
        }
        SearchMatch match = new SearchMatch(terms, filter, order == Order.DATE, zone);
        // in one round trip: a large sort must not wait for a JIT compilation that costs more than the query itself; no
        // public search may hold a connection for long, whatever plan a rare combination of term and filters gets; and every
        // search statement reads snapshots in date order or from an index and checks each against its document by an index
        // probe, stopping when it has enough: a hash or merge join reads every document first, and the planner chose one
        // whenever it misjudged how soon a limit stops (工作 in 2020 at 100,000 items: 1.5 s instead of 0.3 s). No parallel
        // workers, which searches that run side by side (gongkai.search.concurrency) only take cores from. A filtered search
        // has every statement planned for its values: the generic plan that a statement prepared five times gets knows
        // neither the terms nor the filters, and read every title with 组织 through the bigram index to find the few of one
        // department (2.6 s at 1,000,000 items; the plan for the values walks the department's titles in 35 ms, or 100–220 ms
        // with two parallel workers). An unfiltered search keeps the generic plans: planning each statement again cost 0.7 ms
        // of PostgreSQL a search, half again what its statements cost
        jdbc.queryForList("select set_config('jit', 'off', true), set_config('statement_timeout', ?, true),"
                + " set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true),"
                + " set_config('max_parallel_workers_per_gather', '0', true), set_config('plan_cache_mode', ?, true)",
                String.valueOf(SEARCH_TIMEOUT_MILLIS), match.hasFilter() ? "force_custom_plan" : "auto");
        int offset = (current - 1) * pageSize;
        int wanted = offset + pageSize;
        // an exact 文号 or 索引号 comes first, whatever else matches
        List<Long> exact = exactNumber(query, match);
        SearchPlanner.Ranked ranked = planner.ranked(match, wanted);
        List<Long> all = new ArrayList<>(exact);
        ranked.ids().stream().filter(id -> !exact.contains(id)).forEach(all::add);
        long total = ranked.total() >= SEARCH_RESULT_CAP ? SEARCH_RESULT_CAP
                : Math.min(SEARCH_RESULT_CAP, ranked.total() + exact.stream().filter(id -> !ranked.all().contains(id)).count());
        List<Long> ids = all.subList(Math.min(offset, all.size()), Math.min(wanted, all.size()));
        Page<SearchHit> hits = hits(terms, ids, current, pageSize, total);
        return total < SEARCH_RESULT_CAP ? hits
                : new Page<>(hits.items(), hits.page(), hits.size(), total,
                        roughly(ranked.estimate() > 0 ? ranked.estimate() : planner.estimate(match)));
    }

    /** An estimate to two significant figures (45,321 → 45,000), at least a little above the cap. */
    static long roughly(long estimate) {
        long scale = 1;
        while (estimate / scale >= 100) {
            scale *= 10;
        }
        return Math.max(SEARCH_RESULT_CAP + 100, Math.round((double) estimate / scale) * scale);
    }

    /**
     * Current public snapshots whose 文号 or 索引号 is the whole query, however its brackets and spaces were typed (at most
     * a few; newest first), found through the index of their keys.
     */
    private List<Long> exactNumber(String query, SearchMatch match) {
        String key = SearchText.key(query.length() > MAX_QUERY_LENGTH ? query.substring(0, MAX_QUERY_LENGTH) : query);
        // every 文号 and 索引号 holds a year or a serial: a query without a digit is not one, and costs no lookup
        if (key == null || key.codePointCount(0, key.length()) < 4 || key.chars().noneMatch(Character::isDigit)) {
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
                    ItemSummary item = PublishedItems.summary(rs);
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
