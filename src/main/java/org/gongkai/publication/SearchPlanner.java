package org.gongkai.publication;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Plans one public search: which matches, in what order, walking the newest snapshots or reading a bigram index, so that
 * the work per query is bounded however common the terms are (see {@link PublicSearch}).
 */
@Component
class SearchPlanner {

    private static final int SEARCH_RESULT_CAP = PublicSearch.SEARCH_RESULT_CAP;

    private final JdbcTemplate jdbc;
    private final TitleSample titles;
    private final RecentWindow recent;
    private final ShortWalks shortWalks;
    private final BigramShares.Statistics statistics;

    SearchPlanner(JdbcTemplate jdbc, TitleSample titles, RecentWindow recent, ShortWalks shortWalks,
                  BigramShares.Statistics statistics) {
        this.jdbc = jdbc;
        this.statistics = statistics;
        this.titles = titles;
        this.recent = recent;
        this.shortWalks = shortWalks;
    }

    /**
     * The first {@code wanted} matches in rank order, how many there are (up to the cap), all of them when fewer, and the
     * planner's estimate of the matches when it was asked on the way (0 when not).
     */
    record Ranked(List<Long> ids, long total, Set<Long> all, long estimate) {
    }

    Ranked ranked(SearchMatch match, int wanted) {
        // the estimate first: when it is clearly beyond the cap, neither the walk that counts a thousand title matches (7–19 ms
        // for 2 characters at 100,000 items) nor the one that counts a thousand texts is needed, only the page
        double estimated = estimateClearlyBeyondCap(match);
        if (estimated > 0) {
            List<Long> ids = page(match, wanted);
            // (a page that comes short proves the estimate wrong: the matches are few, and are counted below)
            if (ids.size() >= wanted) {
                // (with a year, the snapshots' dates admit every later edition too: 29,000 for 工作 in 2020 where 9,383 match;
                // the figure shown is then asked with the document's year, as estimate() does)
                return new Ranked(ids, SEARCH_RESULT_CAP, Set.of(), match.yearRange() == null ? Math.round(estimated) : 0);
            }
        }
        List<Long> ids = match.byDate() ? null : frequentInTitles(match, wanted);
        if (ids == null && frequentInText(match)) {
            ids = page(match, wanted);
        }
        if (ids != null) {
            return new Ranked(ids, SEARCH_RESULT_CAP, Set.of(), 0);
        }
        Sql candidates = Sql.of("select s.id, s.published_at, ").and(match.inTitle()).and(Sql.of(" as in_title from publication_snapshot s where "))
                .and(match.fullTextIndex()).and(match.inFullText(true)).and(match.isPublic()).and(match.snapshotFilter())
                .and(Sql.of(" limit ?", SEARCH_RESULT_CAP + 1));
        List<Candidate> found = jdbc.query(candidates.sql(),
                (rs, n) -> new Candidate(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getBoolean(3)), candidates.args().toArray());
        if (found.size() <= SEARCH_RESULT_CAP) {
            return new Ranked(found.stream().sorted(match.byDate() ? Candidate.NEWEST : Candidate.RANKING).limit(wanted)
                    .map(Candidate::id).toList(), found.size(), found.stream().map(Candidate::id).collect(java.util.stream.Collectors.toSet()), 0);
        }
        return new Ranked(page(match, wanted), SEARCH_RESULT_CAP, Set.of(), 0);
    }

    /**
     * The matches, before the check that a snapshot is current, when they are well beyond the cap (else 0): then the page is
     * taken at once, without reading cap + 1 matches to count them. From the bigram statistics, or else the planner's, which
     * leave out the document's filters: multiplied in as if independent, they put 医师 in 2020 at 1,100 where 3,800 match.
     */
    private double estimateClearlyBeyondCap(SearchMatch match) {
        // the share of texts that hold the rarest bigram bounds the matches from above: a rare term costs no estimate
        BigramShares shares = bigramShares();
        if (match.bigrams().isEmpty() || shares.textShare(match.bigrams()) * shares.snapshots() < BEYOND_CAP) {
            return 0;
        }
        if (!match.hasFilter()) {
            // a bigram too rare for the texts' statistics may be listed in the titles', which are shorter and hold fewer
            // bigrams: a term's title matches are among its matches, so they bound them from below (疫苗接种 at 1,000,000
            // items, in 5,000 titles, was counted to 1,001 through the bigram index for a page that shows "约 N 条")
            double fromShares = fromShares(match, shares.text(), shares.snapshots());
            fromShares = fromShares > 0 ? fromShares : fromShares(match, shares.title(), shares.snapshots());
            if (fromShares > 0) {
                return fromShares;
            }
        }
        Sql count = Sql.of("explain (format json) select 1 from publication_snapshot s where ").and(match.fullTextIndex())
                .and(match.inFullText(true)).and(match.snapshotFilter());
        double rows = planRows(count);
        return rows >= BEYOND_CAP ? rows : 0;
    }

    /** Matches "clearly beyond the cap": the page is then taken at once, and the figure shown is the estimate. */
    private static final double BEYOND_CAP = 3.0 * (SEARCH_RESULT_CAP + 1);

    /**
     * The matches of an unfiltered search from the bigram statistics, when they are {@link #BEYOND_CAP}, else 0 (also when
     * the statistics cannot tell: one character, an unlisted bigram). Each term is as common as its rarest bigram, times the
     * share of sampled titles with that bigram that hold the whole term (sampled only when it can matter). The planner
     * multiplies a term's bigram shares as if independent, while in a word they come together: it put 医疗废物 (in 4,000 of
     * 100,000 texts) at 150, and the search counted 1,001 title matches by walking 25,000 titles. The titles' share guards
     * the other way: 民生工作 and 家庭医生 in one text hold 生工 and 医生, not 医生工, which is then counted as before.
     */
    private double fromShares(SearchMatch match, java.util.Map<String, Double> bigramShares, double snapshots) {
        double estimate = snapshots;
        java.util.Map<String, String> rarestOfLongerTerms = new java.util.LinkedHashMap<>();
        for (var term : match.bigramsByTerm().entrySet()) {
            String rarest = null;
            double rarestShare = 1;
            for (String bigram : term.getValue()) {
                Double share = bigramShares.get(bigram);
                if (share == null) {
                    return 0;
                }
                if (rarest == null || share < rarestShare) {
                    rarest = bigram;
                    rarestShare = share;
                }
            }
            if (rarest == null) {
                return 0;
            }
            estimate *= rarestShare;
            if (term.getValue().size() > 1) {
                rarestOfLongerTerms.put(term.getKey(), rarest);
            }
        }
        if (!rarestOfLongerTerms.isEmpty() && estimate >= BEYOND_CAP) {
            estimate *= titles.wholeTermShare(rarestOfLongerTerms, snapshots);
        }
        return estimate >= BEYOND_CAP ? estimate : 0;
    }

    private static final java.util.regex.Pattern PLAN_ROWS = java.util.regex.Pattern.compile("\"Plan Rows\": *([0-9.e+]+)");

    private double planRows(Sql explain) {
        String plan = jdbc.queryForObject(explain.sql(), String.class, explain.args().toArray());
        java.util.regex.Matcher rows = PLAN_ROWS.matcher(plan == null ? "" : plan);
        return rows.find() ? Double.parseDouble(rows.group(1)) : 0;
    }

    private List<Long> page(SearchMatch match, int wanted) {
        return match.byDate() ? newestPage(match, wanted) : frequentPage(match, wanted);
    }

    /**
     * About how many matches a search has beyond the cap, from the planner's estimate (the bigram statistics of the stored
     * vector and the filters' selectivity; EXPLAIN only plans, it reads no rows), never below the cap + 1.
     */
    long estimate(SearchMatch match) {
        Sql count = Sql.of("explain (format json) select 1 from publication_snapshot s where ").and(match.fullTextIndex())
                .and(match.inFullText(true)).and(match.isPublic()).and(match.snapshotFilter());
        return Math.max(SEARCH_RESULT_CAP + 1L, Math.round(planRows(count)));
    }

    /**
     * The page of a query with more matches than the cap, newest first whatever the field: the newest snapshots are walked,
     * and a term too rare among them is taken from its index matches, sorted by date.
     */
    private List<Long> newestPage(SearchMatch match, int wanted) {
        List<Long> newest = worthWalkingTexts(match, wanted)
                ? walk(match, BODY_WALK, false, Sql.of("true").and(match.inFullText(false)).and(match.isPublic()), wanted,
                        rowsOfIndexRead(match, wanted)) : List.of();
        if (newest.size() < wanted) {
            newest = ranked(match, match.fullTextIndex(), Sql.of("true").and(match.inFullText(true)).and(match.snapshotFilter()),
                    bigramShares().textShare(match.bigrams()), wanted);
        }
        return newest.subList(0, Math.min(wanted, newest.size()));
    }

    /**
     * A term in thousands of titles (医师 is in 4 % of them) is counted and paged by walking the newest titles, which the
     * date index holds, instead of through the bigram index, which would list every one of its matches first. Whether a
     * term is that common is estimated from the bigram frequencies that ANALYZE keeps; if the walk does not find more
     * than the cap after all, the search goes on as for rarer terms. Gives null when the walk was not tried or failed.
     */
    private List<Long> frequentInTitles(SearchMatch match, int wanted) {
        double share = bigramShares().titleShare(match.bigrams());
        // the shares know nothing of filters, which may leave few matches to find: filtered searches use the index
        if (match.hasFilter() || share * TITLE_COUNT_WALK < 2 * (SEARCH_RESULT_CAP + 1)) {
            return null;
        }
        List<Long> titled = walk(match, TITLE_COUNT_WALK, true, match.inTitle().and(match.isPublic()), SEARCH_RESULT_CAP + 1,
                Long.MAX_VALUE);
        return titled.size() > SEARCH_RESULT_CAP ? titled.subList(0, Math.min(wanted, titled.size())) : null;
    }

    static final int TITLE_COUNT_WALK = 60_000;

    /**
     * Whether a term that is in most texts though not in many titles (工作, 各区) has more matches than the cap, found by
     * walking the newest snapshots: the bigram index would first list every one of its matches, beyond what a bitmap of
     * work_mem holds exactly, and then recompute the bigrams of every text.
     */
    private boolean frequentInText(SearchMatch match) {
        double share = bigramShares().textShare(match.bigrams());
        // (with filters too: for such a term the bigram index is the slower way even when a filter leaves few matches)
        if (share * TEXT_COUNT_WALK < 2 * (SEARCH_RESULT_CAP + 1)) {
            return false;
        }
        Sql inText = Sql.of("true").and(match.inFullText(false)).and(match.isPublic());
        return walk(match, TEXT_COUNT_WALK, false, inText, SEARCH_RESULT_CAP + 1, Long.MAX_VALUE).size() > SEARCH_RESULT_CAP;
    }

    static final int TEXT_COUNT_WALK = 10_000;

    /**
     * Rereads the bigram frequencies at the next search, and forgets the terms' title shares, the windows' dates and the
     * short walks kept with them (for tests, after ANALYZE).
     */
    void forgetBigramShares() {
        statistics.forget();
        titles.forget();
        recent.forget();
        shortWalks.forget();
    }

    private BigramShares bigramShares() {
        return statistics.shares();
    }

    /** How many of the newest snapshots a search walks before it ranks a rarer term from its index matches instead. */
    static final int TITLE_WALK = 20_000;
    static final int BODY_WALK = 4_000;

    /**
     * Whether a walk of {@link #BODY_WALK} texts can be expected to fill the page: for a term in one text in 200 it would read
     * 4,000 texts to find 20, then rank from the index anyway (500 ms at 1,000,000 items). A term whose bigrams are too
     * rare for the statistics to list counts as the rarest listed one, and a single character has no bigram: both are walked.
     */
    private boolean worthWalkingTexts(SearchMatch match, int wanted) {
        return match.bigrams().isEmpty() || bigramShares().textShare(match.bigrams()) * BODY_WALK >= 2.0 * wanted;
    }

    /**
     * How many texts a walk may read to fill its page before it costs more than the bigram index read that follows a short
     * one ({@link #ranked}): half as many as that read's matches. At 1,000,000 items a text walked cost 0.011 ms of
     * PostgreSQL and a match read through the index 0.007 ms (结核 by date: 1,561 texts walked, 18 ms; 中医's 2,000 matches
     * of the newest twentieth, 13 ms). None bounds a walk in a year, or a single character's.
     */
    private long rowsOfIndexRead(SearchMatch match, int wanted) {
        if (match.yearRange() != null || match.bigrams().isEmpty()) {
            return Long.MAX_VALUE;
        }
        BigramShares known = bigramShares();
        double matches = known.textShare(match.bigrams()) * known.snapshots();
        return Math.max(MIN_COSTLY_WALK, Math.round(RecentWindow.rowsRead(matches, wanted) / 2));
    }

    /** Fewer rows than this are walked in a few milliseconds, about what any index read costs. */
    static final int MIN_COSTLY_WALK = 500;

    /**
     * The page of a query with more matches than the cap: title matches newest first, then the other matches newest
     * first, each read in date order and stopped when the page is full.
     */
    private List<Long> frequentPage(SearchMatch match, int wanted) {
        // title matches: walk the newest snapshots through the index that holds the title
        // (a title walk reads the date index alone, cheaper a row than any index read)
        List<Long> titled = walk(match, TITLE_WALK, true, match.inTitle().and(match.isPublic()), wanted, Long.MAX_VALUE);
        if (titled.size() < wanted) {
            // too rare for the walk: rank the title matches found through the title's bigram index (in the newest
            // twentieth first, when that is expected to hold the page)
            titled = ranked(match, match.titleIndex(), match.inTitle().and(match.snapshotFilter()),
                    bigramShares().titleShare(match.bigrams()), wanted);
        }
        if (titled.size() >= wanted) {
            return titled.subList(0, wanted);
        }
        // `titled` holds every title match; the rest of the page are matches in the summary or body only
        int bodyWanted = wanted - titled.size();
        Sql notInTitle = Sql.of("not (").and(match.inTitle()).and(Sql.of(")"));
        List<Long> others = worthWalkingTexts(match, bodyWanted)
                ? walk(match, BODY_WALK, false, notInTitle.and(match.inFullText(false)).and(match.isPublic()), bodyWanted,
                        rowsOfIndexRead(match, bodyWanted)) : List.of();
        if (others.size() < bodyWanted) {
            others = ranked(match, match.fullTextIndex(), notInTitle.and(match.inFullText(true)).and(match.snapshotFilter()),
                    bigramShares().textShare(match.bigrams()), bodyWanted);
        }
        List<Long> all = new ArrayList<>(titled);
        all.addAll(others);
        return all.subList(0, Math.min(wanted, all.size()));
    }

    /**
     * The first {@code wanted} snapshots meeting {@code condition} among the {@code budget} newest that pass the search's
     * filters on the snapshot ({@link SearchMatch#walkFilter}: each has an index in date order), newest first. A walk that
     * looks only at titles reads the date index alone (it carries the title). A walk that came short lately, or that read
     * more than {@code costlyAfter} rows to fill its page, is not sent again ({@link ShortWalks}): every caller then reads
     * the matches from an index.
     */
    private List<Long> walk(SearchMatch match, int budget, boolean titlesOnly, Sql condition, int wanted, long costlyAfter) {
        Sql range = match.yearRange();
        Sql filters = match.walkFilter();
        Sql walk = Sql.of((titlesOnly ? "titles " : "texts ") + budget + " where ").and(range == null ? Sql.of("") : range)
                .and(filters).and(Sql.of(" and ")).and(condition);
        return shortWalks.unlessShortOrCostly(walk, wanted, costlyAfter, () -> {
            if (range == null) {
                return walkInOrder(Sql.of("true").and(filters), budget, titlesOnly, condition, wanted, costlyAfter < Long.MAX_VALUE);
            }
            // a year's documents: a walk from the newest would first pass every later year (19 s for 工作 in 2020 at
            // 1,000,000 items). Their current snapshots are published in that year, or later as a new edition
            // (publication_snapshot_later_idx, few); the later ones come first, then a walk of the year's own snapshots
            Sql later = Sql.of("select s.id from publication_snapshot s where s.edition_number > 1"
                            + " and s.published_at >= make_timestamptz(?, 1, 1, 0, 0, 0, ?)", range.args().get(2),
                            range.args().get(3))
                    .and(filters).and(Sql.of(" and ")).and(condition).and(Sql.of(" order by s.published_at desc, s.id limit ?", wanted));
            ShortWalks.Walked ids = ShortWalks.Walked.unnumbered(jdbc.queryForList(later.sql(), Long.class, later.args().toArray()));
            return ids.ids().size() < wanted
                    ? ids.then(walkInOrder(range.and(filters), budget, titlesOnly, condition, wanted - ids.ids().size(),
                            costlyAfter < Long.MAX_VALUE)) : ids;
        });
    }

    /**
     * One walk: the {@code budget} newest snapshots meeting {@code where}, read in date order from an index, and of them the
     * first {@code wanted} meeting {@code condition}, each with its place in the walk when {@code numbered} (only a walk that
     * may be costly: numbering the 20,000 rows of a title walk made it take 17 ms instead of 8–10). A walk that reads the
     * text takes the dates and ids from the index first and each row by its id after, in that order, so that it stops at
     * the last row it needs: read as one scan, the planner costed the whole budget and chose to read and sort a whole year
     * (工作 in 2020 at 100,000 items: 200–300 ms, now 85).
     */
    private ShortWalks.Walked walkInOrder(Sql where, int budget, boolean titlesOnly, Sql condition, int wanted, boolean numbered) {
        String by = titlesOnly ? "s" : "w";
        Sql walked = Sql.of("select s.id, " + (numbered ? by + ".place" : "0") + " from (select s.id, s.published_at"
                + (titlesOnly ? ", s.search_title" : "")
                + (numbered ? ", row_number() over (order by s.published_at desc, s.id) as place" : "")
                + " from publication_snapshot s where ").and(where)
                .and(Sql.of(" order by s.published_at desc, s.id limit ?) ", budget));
        Sql query = walked.and(Sql.of(titlesOnly ? "s where " : "w join publication_snapshot s on s.id = w.id where "))
                .and(condition).and(Sql.of(" order by " + by + ".published_at desc, " + by + ".id limit ?", wanted));
        List<Long> ids = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        jdbc.query(query.sql(), rs -> {
            ids.add(rs.getLong(1));
            rows.add(rs.getLong(2));
        }, query.args().toArray());
        return new ShortWalks.Walked(ids, rows);
    }

    /**
     * The first {@code wanted} snapshots found through a bigram index and meeting {@code condition}, newest first; only
     * those are checked for being public (nearly all are), in date order, instead of every match.
     */
    List<Long> ranked(SearchMatch match, Sql index, Sql condition, double share, int wanted) {
        // a common term is looked for among the newest snapshots first (RecentWindow), through both indexes together, in
        // the narrowest window expected to hold the page, then a wider one
        BigramShares known = bigramShares();
        for (double windowShare : RecentWindow.SHARES) {
            Sql window = recent.condition(match, share * known.snapshots(), known.snapshots(), wanted, windowShare);
            if (window == null) {
                continue;
            }
            // (a window that came short lately is not read again: 组织 is in an eighth of all titles, none of 综合监督科's)
            List<Long> newest = shortWalks.unlessShort(index.and(condition).and(window), wanted,
                    () -> rankedIn(index, condition.and(window), match.isPublic(), wanted));
            if (newest.size() >= wanted) {
                return newest;
            }
        }
        return rankedIn(index, condition, match.isPublic(), wanted);
    }

    private List<Long> rankedIn(Sql index, Sql condition, Sql isPublic, int wanted) {
        // each "offset 0" keeps the planner from reordering: first the index matches (not a walk of the dates with a
        // per-row bigram check), sorted, then the public check in that order until the page is full
        Sql query = Sql.of("select s.id from (select m.* from (select s.id, s.published_at from publication_snapshot s where ")
                .and(index).and(Sql.of(" and ")).and(condition)
                .and(Sql.of(" offset 0) m order by m.published_at desc, m.id offset 0) s where true")).and(isPublic)
                .and(Sql.of(" order by s.published_at desc, s.id limit ?", wanted));
        return jdbc.queryForList(query.sql(), Long.class, query.args().toArray());
    }

    private record Candidate(long id, Instant publishedAt, boolean inTitle) {
        static final java.util.Comparator<Candidate> NEWEST = java.util.Comparator.comparing(Candidate::publishedAt,
                java.util.Comparator.reverseOrder()).thenComparingLong(Candidate::id);
        static final java.util.Comparator<Candidate> RANKING = java.util.Comparator.comparing(Candidate::inTitle).reversed()
                .thenComparing(Candidate::publishedAt, java.util.Comparator.reverseOrder()).thenComparingLong(Candidate::id);
    }
}
