package org.gongkai.publication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How often a term's rarest bigram comes as the whole term, in a sample of titles ({@link SearchPlanner}'s estimate of a
 * word). A term's share is a statistic of the whole table, like the bigram frequencies that ANALYZE keeps, and is kept as
 * long as they are: a term searched again within {@link #KEPT} costs no statement (the sample cost 1.4–2.4 ms of
 * PostgreSQL a search at 100,000 items, more than the rest of a 4-character search's statements together).
 */
@Component
class TitleSample {

    /** About how many titles a search samples to see how often a term's rarest bigram comes as the whole term. */
    static final int TITLE_SAMPLE = 2_000;
    /** Fewer titles than this with the rarest bigram in the sample tell nothing: the estimate is left to the planner. */
    static final int TITLE_SAMPLE_MINIMUM = 20;
    /** How long a term's share is kept: as long as {@link SearchPlanner} keeps the bigram frequencies. */
    static final Duration KEPT = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    /** Term and its rarest bigram → the sampled share (0 when too few sampled titles held the bigram). */
    private final Cache<String, Double> shares = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(KEPT).build();

    TitleSample(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Of the titles that hold each term's rarest bigram, in a sample of about {@link #TITLE_SAMPLE} snapshots, the share that
     * hold the whole term (the product over the terms), or 0 when too few hold the bigram. The sample is pages picked at
     * random across the table, the same pages each time (so the figure shown does not change from page to page): the newest
     * titles, sampled first, held none of 医疗废物 at 1,000,000 items, whose generated topics come in runs of days, as news does.
     */
    double wholeTermShare(Map<String, String> rarestOfTerm, double snapshots) {
        Map<String, String> unknown = new LinkedHashMap<>();
        double product = 1;
        for (var term : rarestOfTerm.entrySet()) {
            Double known = shares.getIfPresent(key(term));
            if (known == null) {
                unknown.put(term.getKey(), term.getValue());
            } else {
                product *= known;
            }
        }
        if (!unknown.isEmpty() && product > 0) {
            for (var term : sample(unknown, snapshots).entrySet()) {
                shares.put(term.getKey(), term.getValue());
                product *= term.getValue();
            }
        }
        return product;
    }

    /** Forgets every term's share (for tests, with the bigram frequencies). */
    void forget() {
        shares.invalidateAll();
    }

    private static String key(Map.Entry<String, String> termAndBigram) {
        return termAndBigram.getKey() + ' ' + termAndBigram.getValue();
    }

    /** Each term's share ({@link #key} → share) from one statement over the sample. */
    private Map<String, Double> sample(Map<String, String> rarestOfTerm, double snapshots) {
        List<String> counts = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        rarestOfTerm.entrySet().forEach(term -> {
            counts.add("count(*) filter (where s.search_title like ?), count(*) filter (where s.search_title like ?)");
            args.add("%" + term.getValue() + "%");
            args.add("%" + term.getKey() + "%");
            keys.add(key(term));
        });
        String percent = String.format(Locale.ROOT, "%.4f", Math.min(100.0, 100.0 * TITLE_SAMPLE / Math.max(1.0, snapshots)));
        Map<String, Double> byKey = new LinkedHashMap<>();
        List<Map.Entry<String, String>> tooFew = new ArrayList<>();
        List<Map.Entry<String, String>> terms = List.copyOf(rarestOfTerm.entrySet());
        jdbc.query("select " + String.join(", ", counts) + " from publication_snapshot s tablesample system ("
                + percent + ") repeatable (0)", rs -> {
                    for (int i = 0; i < keys.size(); i++) {
                        long withBigram = rs.getLong(2 * i + 1);
                        if (withBigram < TITLE_SAMPLE_MINIMUM) {
                            tooFew.add(terms.get(i));
                        } else {
                            byKey.put(keys.get(i), (double) rs.getLong(2 * i + 2) / withBigram);
                        }
                    }
                }, args.toArray());
        tooFew.forEach(term -> byKey.put(key(term), fromIndex(term.getKey(), term.getValue())));
        return byKey;
    }

    /**
     * The share among the first {@link #INDEX_SAMPLE} titles that the title's bigram index gives for the bigram, or 0 when
     * fewer than {@link #TITLE_SAMPLE_MINIMUM} hold it: a bigram in one title in 200 (疫苗 at 1,000,000 items) is in about
     * ten titles of the random sample, too few to tell, and in thousands of the table's.
     */
    private double fromIndex(String term, String bigram) {
        return jdbc.query("select count(*), count(*) filter (where t.search_title like ?) from (select s.search_title"
                        + " from publication_snapshot s where cjk_bigrams(s.search_title) @@ ?::tsquery limit ?) t", rs -> {
                    rs.next();
                    long withBigram = rs.getLong(1);
                    return withBigram < TITLE_SAMPLE_MINIMUM ? 0.0 : (double) rs.getLong(2) / withBigram;
                }, "%" + term + "%", PublicSearch.tsquery(List.of(bigram)), INDEX_SAMPLE);
    }

    /** How many titles holding a rare bigram are read through the title's bigram index when the random sample has too few. */
    static final int INDEX_SAMPLE = 200;
}
