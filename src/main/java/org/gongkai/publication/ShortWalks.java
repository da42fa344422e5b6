package org.gongkai.publication;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * The walks of the newest snapshots ({@link SearchPlanner}), and the reads of the newest twentieth ({@link RecentWindow}),
 * that lately found fewer matches than were wanted, and how many they found. Such a walk or read is not sent again for as
 * many or more: its caller then reads every match from the bigram index, as it does after a short one, which gives the
 * same page whether or not it ran.
 * <p>
 * Terms come in runs of days, as news does, so a walk that the statistics promise can come back empty. 疫苗接种 (in one
 * title in 200) is in none of the newest 20,000 titles at 1,000,000 items, and walking them cost 6–10 ms of PostgreSQL
 * each time it was searched, more than all the statements of a common term's search. 组织, in an eighth of all titles, is
 * in none of 综合监督科's, and reading the newest twentieth of them for none cost 18 ms before every match was read.
 * <p>
 * A walk that filled its page only after reading more rows than the index read would have is remembered the same way, with
 * the matches it found within that many rows: terms that come in runs leave long gaps among the newest texts. 中医 (in one
 * text in 25 at 1,000,000 items) had 10 matches in the newest 3,874 texts, and walking them cost 50–60 ms of PostgreSQL,
 * where its matches among the newest texts ({@link RecentWindow}) are read through the bigram index in 4–17 ms.
 * <p>
 * A walk is known by its statement and arguments; one remembered wrongly, or a new matching snapshot since, costs only
 * the index read that follows a short walk anyway, never a wrong page.
 */
@Component
class ShortWalks {

    /** How long a short walk is remembered: as long as {@link SearchPlanner} keeps the bigram frequencies. */
    static final Duration KEPT = Duration.ofMinutes(5);

    /** A walk's statement and arguments → how many matches it found. */
    private final Cache<List<Object>, Integer> found = Caffeine.newBuilder().maximumSize(4_096).expireAfterWrite(KEPT).build();

    /**
     * The walk's matches, or none without sending it when it lately found fewer than {@code wanted}: it would come short
     * again, and a short walk's matches are never used.
     */
    List<Long> unlessShort(Sql walk, int wanted, Supplier<List<Long>> send) {
        return unlessShortOrCostly(walk, wanted, Long.MAX_VALUE, () -> Walked.unnumbered(send.get()));
    }

    /**
     * The walk's matches, or none without sending it when it lately found fewer than {@code wanted} within
     * {@code costlyAfter} rows: then its caller reads the matches from an index, which is cheaper than that many rows.
     */
    List<Long> unlessShortOrCostly(Sql walk, int wanted, long costlyAfter, Supplier<Walked> send) {
        List<Object> key = key(walk);
        Integer count = found.getIfPresent(key);
        if (count != null && count < wanted) {
            return List.of();
        }
        Walked walked = send.get();
        int worthIt = walked.ids().size() < wanted ? walked.ids().size() : walked.within(costlyAfter);
        if (worthIt < wanted) {
            found.put(key, worthIt);
        }
        return walked.ids();
    }

    /** A walk's matches in order, each with its row's place in the walk (from 1; 0 when not counted). */
    record Walked(List<Long> ids, List<Long> rows) {

        static Walked unnumbered(List<Long> ids) {
            return new Walked(ids, java.util.Collections.nCopies(ids.size(), 0L));
        }

        /** How many of the matches were among the first {@code rows} rows walked. */
        int within(long rows) {
            return (int) this.rows.stream().filter(row -> row <= rows).count();
        }

        Walked then(Walked more) {
            List<Long> ids = new java.util.ArrayList<>(this.ids);
            List<Long> rows = new java.util.ArrayList<>(this.rows);
            ids.addAll(more.ids());
            rows.addAll(more.rows());
            return new Walked(ids, rows);
        }
    }

    /** Forgets every walk (for tests, with the bigram frequencies). */
    void forget() {
        found.invalidateAll();
    }

    private static List<Object> key(Sql walk) {
        List<Object> key = new java.util.ArrayList<>(walk.args());
        key.add(walk.sql());
        return key;
    }
}
