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

    SearchMatch(List<String> terms, ItemFilter filter) {
        this.terms = terms;
        this.tsquery = PublicSearch.tsquery(terms);
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
        String documentFilter = PublishedItems.documentFilterSql(filter, args);
        return new Sql(" and exists (select 1 from public_document d where d.current_snapshot_id = s.id"
                + " and d.status in ('LIVE', 'WITHDRAWN')" + documentFilter + ")", args);
    }

    /** " and" the filters on the snapshot (column, topic, genre, department). */
    Sql snapshotFilter() {
        List<Object> args = new ArrayList<>();
        String sql = PublishedItems.snapshotFilterSql(filter, args);
        return new Sql(sql, args);
    }

    boolean hasFilter() {
        return hasSnapshotFilter() || !isPublic().args().isEmpty();
    }

    boolean hasSnapshotFilter() {
        return !snapshotFilter().sql().isEmpty();
    }

}
