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
        List<Object> key = key(walk);
        Integer count = found.getIfPresent(key);
        if (count != null && count < wanted) {
            return List.of();
        }
        List<Long> ids = send.get();
        if (ids.size() < wanted) {
            found.put(key, ids.size());
        }
        return ids;
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
