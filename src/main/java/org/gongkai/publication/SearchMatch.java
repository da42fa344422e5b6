package org.gongkai.publication;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.gongkai.publication.PublicViews.ItemFilter;

/** The conditions of one search over a snapshot {@code s}. */
final class SearchMatch {
    private final List<String> terms;
    private final String tsquery;
    private final ItemFilter filter;
    private final boolean byDate;

    Set<String> bigrams() {
        Set<String> bigrams = new LinkedHashSet<>();
        bigramsByTerm().values().forEach(bigrams::addAll);
        return bigrams;
    }

    /** Each term with its bigrams, in order (none for a single character). */
    java.util.Map<String, List<String>> bigramsByTerm() {
        java.util.Map<String, List<String>> byTerm = new java.util.LinkedHashMap<>();
        for (String term : terms) {
            int[] cps = term.codePoints().toArray();
            List<String> bigrams = new ArrayList<>();
            for (int i = 0; i + 1 < cps.length; i++) {
                bigrams.add(new String(cps, i, 2));
            }
            byTerm.put(term, bigrams);
        }
        return byTerm;
    }

    private final java.time.ZoneId zone;

    SearchMatch(List<String> terms, ItemFilter filter, boolean byDate, java.time.ZoneId zone) {
        this.zone = zone;
        this.terms = terms;
        this.tsquery = PublicSearch.tsquery(terms);
        this.filter = filter;
        this.byDate = byDate;
    }

    /** Newest first, whether the terms are in the title or elsewhere (the relevance order puts title matches first). */
    boolean byDate() {
        return byDate;
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
                : Sql.of("s.search_bigrams @@ ?::tsquery", tsquery);
    }

    /**
     * The bigram index of the title, with the department when the search has one (V53: both in one index, so that a term in
     * none of a department's titles is known in one index scan instead of a read of all its titles); "true" when only single
     * characters are asked for.
     */
    Sql titleIndex() {
        if (tsquery.isEmpty()) {
            return Sql.of("true");
        }
        return filter == null || filter.department() == null
                ? Sql.of("cjk_bigrams(s.search_title) @@ ?::tsquery", tsquery)
                : Sql.of("cjk_bigrams(s.search_title) @@ ?::tsquery and array[s.issuing_department_name::text] @> array[?::text]",
                        tsquery, filter.department());
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
            // the title first: it is in the row, while the text of a longer document is stored apart (TOAST) and read from
            // there, three index pages and a chunk a row (a rare term's 503 matches at 100,000 items: 22 ms against 1); a
            // term has no spaces, so one in the title is in the text, which begins with the title
            sql.append(" and (s.search_title like ? or s.search_text like ?)");
            args.add("%" + t + "%");
            args.add("%" + t + "%");
        }
        return new Sql(sql.toString(), args);
    }

    /** " and" the snapshot is the current one of a live or withdrawn document that passes the document filters. */
    Sql isPublic() {
        List<Object> args = new ArrayList<>();
        String documentFilter = PublishedItems.documentFilterSql(filter, args, zone);
        return new Sql(" and exists (select 1 from public_document d where d.current_snapshot_id = s.id"
                + " and " + PublicStatus.SHOWN + documentFilter + ")", args);
    }

    /** " and" the filters on the snapshot (column, topic, genre, department, and the bounds a year filter implies). */
    Sql snapshotFilter() {
        Sql filters = walkFilter();
        if (filter == null || filter.year() == null) {
            return filters;
        }
        // implied by the year of first publication: a current snapshot of such a document is its first edition, published
        // that year, or a later edition (publication_snapshot_later_idx), never older than the document. The planner reads
        // the year's snapshots and the later editions as two index ranges instead of checking every newer snapshot (at
        // 100,000 items 医师 in 2020 checked 2,513 snapshots for 384 matches, 245 ms; now 384, 17 ms)
        List<Object> args = new ArrayList<>(filters.args());
        args.addAll(List.of(filter.year(), zone.getId(), filter.year() + 1, zone.getId()));
        return new Sql(filters.sql() + " and s.published_at >= make_timestamptz(?, 1, 1, 0, 0, 0, ?)"
                + " and (s.published_at < make_timestamptz(?, 1, 1, 0, 0, 0, ?) or s.edition_number > 1)", args);
    }

    /**
     * " and" the filters on the snapshot's own fields (column, topic, genre, department), which a walk in date order applies
     * before it counts: each has an index in date order (V49).
     */
    Sql walkFilter() {
        List<Object> args = new ArrayList<>();
        return new Sql(PublishedItems.snapshotFilterSql(filter, args), args);
    }

    /**
     * With a year filter, the snapshots published in that year ({@code s.published_at} in it; a document first published
     * then has its first edition there), for walks in date order; null without one.
     */
    Sql yearRange() {
        if (filter == null || filter.year() == null) {
            return null;
        }
        // arguments: year, zone, next year, zone (SearchPlanner reads the last two)
        return Sql.of("s.published_at >= make_timestamptz(?, 1, 1, 0, 0, 0, ?)"
                        + " and s.published_at < make_timestamptz(?, 1, 1, 0, 0, 0, ?)", filter.year(), zone.getId(),
                filter.year() + 1, zone.getId());
    }

    boolean hasFilter() {
        return hasSnapshotFilter() || !isPublic().args().isEmpty();
    }

    boolean hasSnapshotFilter() {
        return !snapshotFilter().sql().isEmpty();
    }

}
