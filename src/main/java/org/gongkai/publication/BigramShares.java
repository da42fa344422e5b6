package org.gongkai.publication;

import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Share of titles, and of whole texts, that hold each bigram, from pg_stats of the two bigram indexes; reread every
 * few minutes. A bigram too rare to be listed counts as the rarest listed one.
 */
record BigramShares(java.util.Map<String, Double> title, double rarestTitle, java.util.Map<String, Double> text,
                    double rarestText, double snapshots, long readAt) {
    double titleShare(Set<String> bigrams) {
        return bigrams.stream().mapToDouble(b -> title.getOrDefault(b, rarestTitle)).min().orElse(0);
    }

    double textShare(Set<String> bigrams) {
        return bigrams.stream().mapToDouble(b -> text.getOrDefault(b, rarestText)).min().orElse(0);
    }

    /** The shares as ANALYZE last counted them, read again every few minutes ({@link SearchPlanner}). */
    @Component
    static class Statistics {

        private final JdbcTemplate jdbc;
        private volatile BigramShares shares;

        Statistics(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** Rereads the frequencies at the next search (for tests, after ANALYZE). */
        void forget() {
            shares = null;
        }

        /** About how many snapshots there are, as ANALYZE last counted them (0 before the first). */
        private double snapshots() {
            Double rows = jdbc.queryForObject("select greatest(reltuples, 0)::float8 from pg_class where oid = 'publication_snapshot'::regclass",
                    Double.class);
            return rows == null ? 0 : rows;
        }

        /** The shares, read again once they are five minutes old. */
        BigramShares shares() {
            BigramShares known = shares;
            if (known == null || System.currentTimeMillis() - known.readAt() > 300_000) {
                java.util.Map<String, java.util.Map<String, Double>> byIndex = new java.util.HashMap<>();
                java.util.Map<String, Double> rarest = new java.util.HashMap<>();
                jdbc.query("""
                        select case when tablename = 'publication_snapshot' then 'publication_snapshot_search_idx' else tablename end,
                               most_common_elems::text::text[], most_common_elem_freqs from pg_stats
                        where schemaname = current_schema()
                          and (tablename = 'publication_snapshot_title_idx'
                               or tablename = 'publication_snapshot' and attname = 'search_bigrams')
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
                        rarest.getOrDefault("publication_snapshot_search_idx", 0.0), snapshots(), System.currentTimeMillis());
                shares = known;
            }
            return known;
        }
    }
}
