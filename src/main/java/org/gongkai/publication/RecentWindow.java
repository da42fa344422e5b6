package org.gongkai.publication;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a search's window of newest snapshots begins ({@link SearchPlanner}): the date of the snapshot that passes the
 * search's filters and has as many newer ones as {@link #SHARE} of the table (a window of at most a twentieth, whatever
 * the filters). A page of a common term is first looked for in it, through the bigram index and the date index together,
 * before every match is read and sorted. At 1,000,000 items 急救 (in 40,000 texts, none of the newest 4,000) by date read and sorted all
 * 40,000 matches (330 ms); the newest 50,000 snapshots hold 2,051 of them.
 * <p>
 * Any date gives the right page, as long as every snapshot since then is looked at: a date kept a while (as long as the
 * bigram frequencies) only makes the window a little wider or narrower than the share, never the page wrong.
 */
@Component
class RecentWindow {

    /** The newest snapshots looked at: a twentieth at most. */
    static final double SHARE = 0.05;
    /**
     * The windows a search tries, narrowest first, each when it is expected to hold a few pages: 中医, in one text in 25
     * at 1,000,000 items, has 2,053 matches among the newest twentieth and 256 among the newest hundredth, an eighth of the
     * heap pages to visit and sort (with the costly walks of {@link ShortWalks}, PostgreSQL's CPU a search by date fell
     * from 9.8–11.0 to 7.0–7.7 ms).
     */
    static final List<Double> SHARES = List.of(0.01, SHARE);
    /** How long the beginning of a filter's window is kept. */
    static final Duration KEPT = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    /** A filter's SQL and its arguments → where its window begins (empty when it has too few snapshots for one). */
    private final Cache<List<Object>, Optional<Timestamp>> since = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterWrite(KEPT).build();

    RecentWindow(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * " and" the snapshot is in the window of {@code share} of the table (one of {@link #SHARES}) of the search's filters on
     * the snapshot ({@link SearchMatch#walkFilter}), or null when no window is worth it: a year filter (its own range), or
     * fewer matches expected in the window than a few pages' worth.
     */
    Sql condition(SearchMatch match, double expectedMatches, double snapshots, int wanted, double share) {
        if (match.yearRange() != null || !worthIt(expectedMatches * share, wanted)) {
            return null;
        }
        Sql filters = match.walkFilter();
        long offset = Math.round(snapshots * share);
        List<Object> key = new java.util.ArrayList<>(filters.args());
        key.add(filters.sql());
        key.add(offset);
        Optional<Timestamp> begins = since.get(key, k -> {
            Sql nth = Sql.of("select s.published_at from publication_snapshot s where true").and(filters)
                    .and(Sql.of(" order by s.published_at desc, s.id offset ? limit 1", offset));
            return jdbc.queryForList(nth.sql(), Timestamp.class, nth.args().toArray()).stream().findFirst();
        });
        return begins.map(at -> Sql.of(" and s.published_at >= ?", at)).orElse(null);
    }

    private static boolean worthIt(double expectedInWindow, int wanted) {
        return expectedInWindow >= 4.0 * wanted;
    }

    /** About how many matches a search without a year reads through a bigram index: its narrowest window's, or else all. */
    static double rowsRead(double expectedMatches, int wanted) {
        return SHARES.stream().map(share -> expectedMatches * share).filter(inWindow -> worthIt(inWindow, wanted))
                .findFirst().orElse(expectedMatches);
    }

    /** Forgets every window (for tests, with the bigram frequencies). */
    void forget() {
        since.invalidateAll();
    }
}
