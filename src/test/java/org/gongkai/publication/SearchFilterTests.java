package org.gongkai.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.publication.PublicViews.ItemFilter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Filtered searches (issue 19): a search with a department, topic or genre walks the newest snapshots that pass the filter
 * (V49's indexes), and a year filter reads that year's snapshots and the later editions of its documents; both must give
 * exactly what the filters say, in the order the search promises.
 */
class SearchFilterTests extends AbstractIntegrationTest {

    @Autowired
    PublicSearch search;

    @Autowired
    SearchPlanner planner;

    @Autowired
    TitleSample titleSample;

    @Autowired
    RecentWindow recentWindow;

    @Autowired
    PublicationWriter writer;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PublishedItems published;

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Two characters of CJK extension A, new for every run, so that nothing else matches them. */
    private static String term() {
        int first = 0x3400 + java.util.concurrent.ThreadLocalRandom.current().nextInt(6000);
        return Character.toString(first) + Character.toString(first + 1);
    }

    /** Consecutive characters of CJK extension A from a place new for every run, by their number from 0 (up to 8). */
    private static java.util.function.IntFunction<String> letters() {
        int first = 0x3400 + java.util.concurrent.ThreadLocalRandom.current().nextInt(6000);
        return i -> Character.toString(first + i);
    }

    private List<String> ids(PublicViews.Page<PublicViews.SearchHit> page) {
        return page.items().stream().map(h -> h.item().documentId()).toList();
    }

    /**
     * {@code count} live documents ({@code prefix} and a five-digit number g from 0), one a minute back from {@code newest},
     * each with one snapshot whose title and body text are SQL expressions of g (the body's may use {@code t.title}); the
     * arguments are the title's, then the body's.
     */
    private void publishGenerated(String prefix, PublicationFixtures.Department department, int count, String newest,
                                  String title, String body, Object... args) {
        publishGenerated(prefix, department, department.name(), count, newest, title, body, args);
    }

    /** The same, issued under {@code issuer} (a 发布机构 of its own, which a search can filter on). */
    private void publishGenerated(String prefix, PublicationFixtures.Department department, String issuer, int count,
                                  String newest, String title, String body, Object... args) {
        jdbc.update("""
                insert into public_document (document_id, index_number, department_id, status, first_published_at, last_major_change_at)
                select ? || lpad(g::text, 5, '0'), ? || '/' || g, ?, 'LIVE', ?::timestamptz - g * interval '1 minute',
                       ?::timestamptz - g * interval '1 minute'
                from generate_series(0, ? - 1) g""", prefix, prefix, department.id(), newest, newest, count);
        List<Object> all = new java.util.ArrayList<>(List.of(prefix, 800_000_000_000L
                + java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1_000_000_000L) * 10_000, newest, issuer, count));
        all.addAll(List.of(args));
        jdbc.update("""
                insert into publication_snapshot (document_id, edition_id, edition_number, published_at, title, summary, catalogue_code,
                    catalogue_name, issuing_department_name, body_html, body_text)
                select ? || lpad(g::text, 5, '0'), ? + g, 1, ?::timestamptz - g * interval '1 minute',
                       t.title, '概述', 'ggws', '公共卫生', ?, '<p>' || t.title || '</p>', b.body
                from generate_series(0, ? - 1) g, lateral (select %s as title) t, lateral (select %s as body) b"""
                .formatted(title, body), all.toArray());
        jdbc.update("update public_document d set current_snapshot_id = s.id from publication_snapshot s"
                + " where s.document_id = d.document_id and d.document_id like ?", prefix + "%");
    }

    @Test
    void aDepartmentFilteredSearchForAWordInEveryTextPagesThatDepartmentsNewestMatches() {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String prefix = "flt" + newId();
        String common = term();
        String first = "甲科" + prefix;
        String second = "乙科" + prefix;
        // 2,400 items, one a day back from 2026-04-01, the two issuers alternating; the term in every title and body, so
        // that each issuer alone has more matches than the search counts (the walks, not the ranking of a few)
        jdbc.update("""
                insert into public_document (document_id, index_number, department_id, status, first_published_at, last_major_change_at)
                select ? || lpad(g::text, 5, '0'), ? || '/' || g, ?, 'LIVE',
                       timestamptz '2026-04-01 08:00+08' - g * interval '1 day', timestamptz '2026-04-01 08:00+08' - g * interval '1 day'
                from generate_series(0, 2399) g""", prefix, prefix, department.id());
        jdbc.update("""
                insert into publication_snapshot (document_id, edition_id, edition_number, published_at, title, summary, catalogue_code,
                    catalogue_name, topic, genre, issuing_department_name, body_html, body_text)
                select ? || lpad(g::text, 5, '0'), ? + g, 1, timestamptz '2026-04-01 08:00+08' - g * interval '1 day',
                       '关于' || ? || '的通知' || g, '概述', 'ggws', '公共卫生', '卫生健康', '通知',
                       case when g % 2 = 0 then ? else ? end, '<p>正文' || ? || '</p>', '正文' || ?
                from generate_series(0, 2399) g""", prefix, 700_000_000_000L + java.util.concurrent.ThreadLocalRandom.current()
                .nextLong(1, 1_000_000_000L) * 10_000, common, first, second, common, common);
        jdbc.update("update public_document d set current_snapshot_id = s.id from publication_snapshot s"
                + " where s.document_id = d.document_id and d.document_id like ?", prefix + "%");
        java.util.function.IntFunction<String> item = g -> prefix + String.format("%05d", g);

        for (boolean analysed : new boolean[] {false, true}) {
            if (analysed) {
                // with statistics the term is known to be in most texts: counted by walking the department's newest snapshots
                jdbc.execute("analyze publication_snapshot");
            }
            planner.forgetBigramShares();
            ItemFilter ofFirst = new ItemFilter(List.of(), null, null, first, null, null);
            var page3 = search.search(common, ofFirst, 3, 10);
            assertThat(page3.total()).isEqualTo(PublicSearch.SEARCH_RESULT_CAP);
            assertThat(ids(page3)).containsExactly(java.util.stream.IntStream.range(20, 30).map(i -> i * 2)
                    .mapToObj(item::apply).toArray(String[]::new));
            assertThat(ids(search.search(common, new ItemFilter(List.of(), null, null, second, null, null), PublicSearch.Order.DATE, 1, 10)))
                    .containsExactly(java.util.stream.IntStream.range(0, 10).map(i -> i * 2 + 1).mapToObj(item::apply).toArray(String[]::new));
            // a department and a year: that department's documents first published in 2023, newest first
            List<String> expected = jdbc.queryForList("""
                    select d.document_id from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                    where d.document_id like ? and s.issuing_department_name = ?
                      and extract(year from d.first_published_at at time zone 'Asia/Shanghai') = 2023
                    order by s.published_at desc, s.id limit 10 offset 10""", String.class, prefix + "%", first);
            assertThat(expected).hasSize(10);
            assertThat(ids(search.search(common, new ItemFilter(List.of(), null, null, first, 2023, null), PublicSearch.Order.DATE, 2, 10)))
                    .containsExactlyElementsOf(expected);
            // the other filters on the snapshot narrow the walk the same way
            assertThat(ids(search.search(common, new ItemFilter(List.of(), "卫生健康", "通知", first, null, null), 1, 10)))
                    .containsExactly(java.util.stream.IntStream.range(0, 10).map(i -> i * 2).mapToObj(item::apply).toArray(String[]::new));
            assertThat(search.search(common, new ItemFilter(List.of(), "另一主题" + prefix, null, first, null, null), 1, 10).items()).isEmpty();
        }
        // each filter on the snapshot has an index in date order to walk
        for (String column : List.of("issuing_department_name", "topic", "genre")) {
            String plan = transactions.execute(s -> {
                jdbc.execute("set local enable_seqscan = off");
                jdbc.execute("set local enable_bitmapscan = off");
                return String.join("\n", jdbc.queryForList("explain select s.id, s.published_at, s.search_title from publication_snapshot s"
                        + " where s." + column + " = 'x' order by s.published_at desc, s.id limit 100", String.class));
            });
            assertThat(plan).contains("Index Only Scan").doesNotContain("Sort");
        }
    }

    @Test
    void aYearFilterFindsADocumentOfThatYearWhoseCurrentEditionIsLater() {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String marker = term() + newId().substring(0, 3);
        PublicationContent firstEdition = PublicationFixtures.content(department, "yr" + newId(), "年度报告" + marker, "正文",
                Instant.parse("2024-05-01T01:00:00Z"));
        PublicationContent secondEdition = PublicationFixtures.nextEdition(firstEdition, 2, "年度报告（修订）" + marker, false,
                "更正数据", Instant.parse("2026-02-01T01:00:00Z"));
        PublicationContent ofThisYear = PublicationFixtures.content(department, "yr" + newId(), "另一份报告" + marker, "正文",
                Instant.parse("2026-03-01T01:00:00Z"));
        transactions.executeWithoutResult(s -> {
            writer.publish(firstEdition);
            writer.publish(secondEdition);
            writer.publish(ofThisYear);
        });

        ItemFilter in2024 = new ItemFilter(List.of(), null, null, null, 2024, null);
        ItemFilter in2026 = new ItemFilter(List.of(), null, null, null, 2026, null);
        ItemFilter in2024ByDepartment = new ItemFilter(List.of(), null, null, department.name(), 2024, null);
        assertThat(ids(search.search(marker, in2024, 1, 10))).containsExactly(firstEdition.documentId());
        assertThat(ids(search.search(marker, in2024ByDepartment, PublicSearch.Order.DATE, 1, 10))).containsExactly(firstEdition.documentId());
        assertThat(ids(search.search(marker, in2026, 1, 10))).containsExactly(ofThisYear.documentId());
        assertThat(search.search(marker, new ItemFilter(List.of(), null, null, null, 2025, null), 1, 10).items()).isEmpty();
        // the current edition is what is shown and found: its title, not the first one's
        assertThat(search.search(marker, in2024, 1, 10).items().get(0).item().title()).contains("修订");
    }

    @Test
    void theFilterChoicesAreTheValuesOfShownItemsCurrentEditionsOnly() {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String p = newId();
        long edition = 600_000_000_000L + java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1_000_000_000L) * 10;
        // a live document whose topic changed in its second edition, an unpublished one, and a withdrawn one of 2009
        jdbc.update("""
                insert into public_document (document_id, index_number, department_id, status, first_published_at, last_major_change_at)
                values (?, ?, ?, 'LIVE', '2026-02-01 08:00+08', '2026-02-01 08:00+08'),
                       (?, ?, ?, 'UNPUBLISHED', '2026-02-02 08:00+08', '2026-02-02 08:00+08'),
                       (?, ?, ?, 'WITHDRAWN', '2009-06-01 08:00+08', '2009-06-01 08:00+08')""",
                "fa" + p, "fa" + p, department.id(), "fb" + p, "fb" + p, department.id(), "fc" + p, "fc" + p, department.id());
        jdbc.update("""
                insert into publication_snapshot (document_id, edition_id, edition_number, published_at, title, catalogue_code,
                    catalogue_name, topic, genre, issuing_department_name, body_html, body_text)
                values (?, ?, 1, '2026-02-01 08:00+08', '旧主题', 'ggws', '公共卫生', ?, '通知', ?, '', ''),
                       (?, ?, 2, '2026-03-01 08:00+08', '新主题', 'ggws', '公共卫生', ?, '通知', ?, '', ''),
                       (?, ?, 1, '2026-02-02 08:00+08', '已撤下', 'ggws', '公共卫生', '卫生健康', ?, ?, '', ''),
                       (?, ?, 1, '2009-06-01 08:00+08', '已废止', 'ggws', '公共卫生', '卫生健康', '通知', ?, '', '')""",
                "fa" + p, edition, "旧主题" + p, department.name(), "fa" + p, edition + 1, "新主题" + p, department.name(),
                "fb" + p, edition + 2, "撤下体裁" + p, "撤下机构" + p, "fc" + p, edition + 3, "废止机构" + p);
        jdbc.update("""
                update public_document d set current_snapshot_id = (select max(s.id) from publication_snapshot s
                where s.document_id = d.document_id) where d.document_id in (?, ?, ?)""", "fa" + p, "fb" + p, "fc" + p);
        published.forgetFacets(new PublicationChanged("fa" + p, PublicStatus.LIVE));

        PublicViews.Facets facets = published.facets();
        assertThat(facets.topics()).contains("新主题" + p).doesNotContain("旧主题" + p);
        assertThat(facets.genres()).doesNotContain("撤下体裁" + p);
        assertThat(facets.departments()).contains("废止机构" + p).doesNotContain("撤下机构" + p);
        assertThat(facets.years()).contains(2009, 2026).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // the same choices as reading every shown item
        String shown = " from public_document d join publication_snapshot s on s.id = d.current_snapshot_id where " + PublicStatus.SHOWN;
        assertThat(facets.topics()).isEqualTo(jdbc.queryForList("select distinct s.topic" + shown + " and s.topic is not null order by 1", String.class));
        assertThat(facets.genres()).isEqualTo(jdbc.queryForList("select distinct s.genre" + shown + " and s.genre is not null order by 1", String.class));
        assertThat(facets.departments()).isEqualTo(jdbc.queryForList("select distinct s.issuing_department_name" + shown + " order by 1", String.class));
        assertThat(facets.years()).isEqualTo(jdbc.queryForList("select distinct extract(year from d.first_published_at at time zone 'Asia/Shanghai')::int"
                + shown + " order by 1 desc", Integer.class));
    }

    @Test
    void aTermWellBeyondTheCapIsPagedWithoutCountingItsMatchesFirst() {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String prefix = "bey" + newId();
        String term = term();
        // 3,500 live items with the term in the body only, one an hour back from 2026-05-01, each with five earlier
        // editions of 2020 without it (superseded, so never shown): the statistics put the term in about one text in six,
        // too few for the walk that counts (frequentInText) but, by the planner's estimate, well beyond the cap, so the
        // page is walked at once. (Earlier editions rather than unpublished documents: PublicLeakTests probes every
        // unpublished title.)
        jdbc.update("""
                insert into public_document (document_id, index_number, department_id, status, first_published_at, last_major_change_at)
                select ? || lpad(g::text, 5, '0'), ? || '/' || g, ?, 'LIVE',
                       timestamptz '2020-12-31 08:00+08' - g * interval '1 hour', timestamptz '2026-05-01 08:00+08' - g * interval '1 hour'
                from generate_series(0, 3499) g""", prefix, prefix, department.id());
        jdbc.update("""
                insert into publication_snapshot (document_id, edition_id, edition_number, published_at, title, summary, catalogue_code,
                    catalogue_name, issuing_department_name, body_html, body_text)
                select ? || lpad(g::text, 5, '0'), ? + g * 10 + e, e,
                       case when e = 6 then timestamptz '2026-05-01 08:00+08' - g * interval '1 hour'
                            else timestamptz '2020-12-31 08:00+08' - g * interval '1 hour' + e * interval '1 minute' end,
                       '关于做好有关工作的通知' || g, '概述', 'ggws', '公共卫生', ?,
                       case when e = 6 then '<p>正文' || ? || '</p>' else '<p>正文</p>' end,
                       case when e = 6 then '正文' || ? else '正文' end
                from generate_series(0, 3499) g cross join generate_series(1, 6) e""", prefix, 500_000_000_000L
                + java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1_000_000_000L) * 100_000, department.name(), term, term);
        jdbc.update("update public_document d set current_snapshot_id = s.id from publication_snapshot s"
                + " where s.document_id = d.document_id and s.edition_number = 6 and d.document_id like ?", prefix + "%");
        jdbc.execute("analyze publication_snapshot");
        // the documents too, as autovacuum would have: on a test database kept from earlier runs, statistics that still
        // counted a few hundred shown documents made PostgreSQL join every one with every match (past the 3 s timeout)
        jdbc.execute("analyze public_document");
        planner.forgetBigramShares();
        java.util.function.IntFunction<String> item = g -> prefix + String.format("%05d", g);

        var byDate = search.search(term, ItemFilter.none(), PublicSearch.Order.DATE, 3, 10);
        assertThat(ids(byDate)).containsExactly(java.util.stream.IntStream.range(20, 30).mapToObj(item::apply).toArray(String[]::new));
        assertThat(byDate.total()).isEqualTo(PublicSearch.SEARCH_RESULT_CAP);
        assertThat(byDate.approximate()).isTrue();
        assertThat(ids(search.search(term, ItemFilter.none(), 100, 10)))
                .containsExactly(java.util.stream.IntStream.range(990, 1000).mapToObj(item::apply).toArray(String[]::new));
        // first published in 2020 (their first editions), current since 2026: found by 2020, by the later-edition rule
        assertThat(ids(search.search(term, new ItemFilter(List.of(), null, null, department.name(), 2020, null), 2, 10)))
                .containsExactly(java.util.stream.IntStream.range(10, 20).mapToObj(item::apply).toArray(String[]::new));
        assertThat(search.search(term, new ItemFilter(List.of(), null, null, department.name(), 2026, null), 1, 10).items()).isEmpty();
        // 工作, in every one of these 21,000 titles: the estimate comes first and the page is walked at once, without the walk
        // that counts 1,001 title matches (which gives no estimate); the estimate is kept for the "约 N 条" shown
        var inTitles = planner.ranked(new SearchMatch(List.of("工作"), ItemFilter.none(), false, java.time.ZoneId.of("Asia/Shanghai")), 10);
        assertThat(inTitles.estimate()).isGreaterThanOrEqualTo(3L * (PublicSearch.SEARCH_RESULT_CAP + 1));
        assertThat(inTitles.ids()).hasSize(10);
        assertThat(inTitles.total()).isEqualTo(PublicSearch.SEARCH_RESULT_CAP);
    }

    @Test
    void aWordIsAsCommonAsItsRarestBigramUnlessTheTitlesShowItsBigramsApart() throws Exception {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String prefix = "wrd" + newId();
        // four characters of CJK extension A, new for every run: a word abcd in 3,500 titles, each followed by "和da", so that
        // the bigrams cd and da are in all of them, but the term cda only where the word is followed by a (one in a hundred)
        java.util.function.IntFunction<String> at = letters();
        String word = at.apply(0) + at.apply(1) + at.apply(2) + at.apply(3);
        String apart = at.apply(2) + at.apply(3) + at.apply(0);
        // of 2019, so that no catalogue or home page lists them first
        publishGenerated(prefix, department, 3_500, "2019-06-01 08:00+08",
                "'关于' || ? || case when g % 100 = 1 then ? else '和' || ? end || '的通知' || g", "t.title",
                word, at.apply(0), at.apply(3) + at.apply(0));
        jdbc.execute("analyze publication_snapshot");
        planner.forgetBigramShares();
        java.util.function.IntFunction<String> item = g -> prefix + String.format("%05d", g);

        // the planner multiplies the shares of the word's three bigrams and puts it far below the cap; it is as common as
        // its rarest bigram, as a sample of the titles shows, so its page is walked at once and "约 N 条" is in the thousands
        SearchMatch wordMatch = new SearchMatch(List.of(word), ItemFilter.none(), false, java.time.ZoneId.of("Asia/Shanghai"));
        var ofWord = planner.ranked(wordMatch, 30);
        assertThat(ofWord.estimate()).isGreaterThanOrEqualTo(3L * (PublicSearch.SEARCH_RESULT_CAP + 1));
        // the sample is a statistic of the table, kept as long as the bigram frequencies: the same word again sends one
        // statement fewer, with the same estimate
        titleSample.forget();
        int sampled = org.gongkai.support.StatementCounter.count(() -> planner.ranked(wordMatch, 30));
        SearchPlanner.Ranked[] again = new SearchPlanner.Ranked[1];
        int kept = org.gongkai.support.StatementCounter.count(() -> again[0] = planner.ranked(wordMatch, 30));
        assertThat(kept).isEqualTo(sampled - 1);
        assertThat(again[0].estimate()).isEqualTo(ofWord.estimate());
        var page3 = search.search(word, ItemFilter.none(), 3, 10);
        assertThat(page3.approximate()).isTrue();
        assertThat(ids(page3)).containsExactly(java.util.stream.IntStream.range(20, 30).mapToObj(item::apply).toArray(String[]::new));
        // cd and da are as common, but apart in nearly every title: the 35 matches of cda are counted, not estimated
        var ofApart = search.search(apart, ItemFilter.none(), 2, 10);
        assertThat(ofApart.approximate()).isFalse();
        assertThat(ofApart.total()).isEqualTo(35);
        assertThat(ids(ofApart)).containsExactly(java.util.stream.IntStream.range(10, 20).map(i -> i * 100 + 1)
                .mapToObj(item::apply).toArray(String[]::new));
    }

    @Test
    void aCommonTermIsLookedForAmongTheNewestSnapshotsBeforeEveryMatchIsSorted() throws Exception {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String prefix = "rcw" + newId();
        String issuer = "丙科" + prefix;
        String term = term();
        jdbc.execute("analyze publication_snapshot");
        double before = jdbc.queryForObject("select reltuples::float8 from pg_class where oid = 'publication_snapshot'::regclass", Double.class);
        // more snapshots of one issuer than the window of the whole table's newest twentieth, one a minute back from a day of
        // 2019; the term in the body of every fifth
        int count = (int) (before * RecentWindow.SHARE * 1.5) + 1_000;
        jdbc.update("""
                insert into public_document (document_id, index_number, department_id, status, first_published_at, last_major_change_at)
                select ? || lpad(g::text, 6, '0'), ? || '/' || g, ?, 'LIVE', timestamptz '2019-03-01 08:00+08' - g * interval '1 minute',
                       timestamptz '2019-03-01 08:00+08' - g * interval '1 minute'
                from generate_series(0, ? - 1) g""", prefix, prefix, department.id(), count);
        jdbc.update("""
                insert into publication_snapshot (document_id, edition_id, edition_number, published_at, title, summary, catalogue_code,
                    catalogue_name, issuing_department_name, body_html, body_text)
                select ? || lpad(g::text, 6, '0'), ? + g, 1, timestamptz '2019-03-01 08:00+08' - g * interval '1 minute',
                       '关于有关事项的通知' || g, '概述', 'ggws', '公共卫生', ?, '<p>正文</p>', case when g % 5 = 0 then '正文' || ? else '正文' end
                from generate_series(0, ? - 1) g""", prefix, 700_000_000_000L
                + java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1_000_000_000L) * 10_000, issuer, term, count);
        jdbc.update("update public_document d set current_snapshot_id = s.id from publication_snapshot s"
                + " where s.document_id = d.document_id and d.document_id like ?", prefix + "%");
        jdbc.execute("analyze publication_snapshot");
        planner.forgetBigramShares();
        double snapshots = jdbc.queryForObject("select reltuples::float8 from pg_class where oid = 'publication_snapshot'::regclass", Double.class);
        long offset = Math.round(snapshots * RecentWindow.SHARE);
        SearchMatch match = new SearchMatch(List.of(term), new ItemFilter(List.of(), null, null, issuer, null, null), true,
                java.time.ZoneId.of("Asia/Shanghai"));

        // the window of this issuer begins at its snapshot number `offset`, newest first
        Sql window = recentWindow.condition(match, 1_000_000, snapshots, 30, RecentWindow.SHARE);
        assertThat(window).isNotNull();
        assertThat(((java.sql.Timestamp) window.args().get(0)).toInstant())
                .isEqualTo(java.time.OffsetDateTime.parse("2019-03-01T08:00+08:00").minusMinutes(offset).toInstant());
        assertThat(recentWindow.condition(match, 100, snapshots, 30, RecentWindow.SHARE)).as("too few matches expected in the window").isNull();

        java.util.function.IntFunction<List<Long>> newest = n -> jdbc.queryForList("select id from publication_snapshot"
                + " where issuing_department_name = ? and body_text like ? order by published_at desc, id limit ?", Long.class,
                issuer, "%" + term + "%", n);
        Sql condition = Sql.of("true").and(match.inFullText(true)).and(match.snapshotFilter());
        planner.ranked(match, match.fullTextIndex(), condition, 1.0, 30);
        // the window holds the page: one statement, the window's
        var page = new java.util.concurrent.atomic.AtomicReference<List<Long>>();
        assertThat(org.gongkai.support.StatementCounter.count(() -> page.getAndSet(planner.ranked(match, match.fullTextIndex(), condition, 1.0, 30))))
                .isEqualTo(1);
        assertThat(page.get()).isEqualTo(newest.apply(30));
        // one more than the window holds (every fifth of its snapshots and the one it begins with, where the share promised
        // all of them): it comes short, and every match is read and sorted
        int beyond = (int) (offset / 5) + 2;
        assertThat(org.gongkai.support.StatementCounter.count(() -> page.getAndSet(planner.ranked(match, match.fullTextIndex(), condition, 1.0, beyond))))
                .isEqualTo(2);
        assertThat(page.get()).isEqualTo(newest.apply(beyond));
        // the window that came short is not read again for as many: one statement, every match, the same page
        assertThat(org.gongkai.support.StatementCounter.count(() -> page.getAndSet(planner.ranked(match, match.fullTextIndex(), condition, 1.0, beyond))))
                .isEqualTo(1);
        assertThat(page.get()).isEqualTo(newest.apply(beyond));
        // nor for more
        assertThat(planner.ranked(match, match.fullTextIndex(), condition, 1.0, beyond + 5)).isEqualTo(newest.apply(beyond + 5));
        // and a page the window holds is still read from it alone
        assertThat(org.gongkai.support.StatementCounter.count(() -> page.getAndSet(planner.ranked(match, match.fullTextIndex(), condition, 1.0, 30))))
                .isEqualTo(1);
        assertThat(page.get()).isEqualTo(newest.apply(30));
    }

    @Test
    void aWordTooRareForTheTextsStatisticsIsEstimatedFromTheTitlesWhichListIt() throws Exception {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String prefix = "ttl" + newId();
        // two words of CJK extension A, new for every run: one in the titles of 4,000 of 6,000 snapshots, one in 30; every
        // text ends with the same filler, whose bigrams are then commoner in the texts than the first word's
        java.util.function.IntFunction<String> at = letters();
        String word = at.apply(0) + at.apply(1) + at.apply(2) + at.apply(3);
        String rare = at.apply(4) + at.apply(5) + at.apply(6) + at.apply(7);
        String filler = "一二三四五六七八九十百千万亿";
        // of 2019, so that no catalogue or home page lists them first
        publishGenerated(prefix, department, 6_000, "2019-05-01 08:00+08",
                "'关于' || case when g < 4000 then ? when g < 4030 then ? else '其他事项' end || '的通知' || g", "t.title || ?",
                word, rare, filler);
        java.util.function.IntFunction<String> item = g -> prefix + String.format("%05d", g);
        try {
            // the texts' statistics keep their ten commonest bigrams, the titles' their thousand: so a table of millions keeps
            // a thousand of its texts' bigrams, those in 2 % of them or more, and leaves out 疫苗 (one text in 200), which its
            // titles' statistics list
            jdbc.execute("alter table publication_snapshot alter column search_bigrams set statistics 1");
            jdbc.execute("analyze publication_snapshot");
            planner.forgetBigramShares();
            String listed = "select coalesce(most_common_elems::text::text[] && ?::text[], false) from pg_stats where attname = ?"
                    + " and (tablename = 'publication_snapshot' and attname = 'search_bigrams' or tablename = 'publication_snapshot_title_idx')";
            String[] bigrams = {at.apply(0) + at.apply(1), at.apply(1) + at.apply(2), at.apply(2) + at.apply(3)};
            assertThat(jdbc.queryForObject(listed, Boolean.class, bigrams, "search_bigrams")).as("in the texts' statistics").isFalse();
            assertThat(jdbc.queryForList("select attname from pg_stats where tablename = 'publication_snapshot_title_idx'", String.class))
                    .hasSize(1);
            String titleColumn = jdbc.queryForObject("select attname from pg_stats where tablename = 'publication_snapshot_title_idx'", String.class);
            assertThat(jdbc.queryForObject(listed, Boolean.class, bigrams, titleColumn)).as("in the titles' statistics").isTrue();

            // the word is beyond the cap by the titles' statistics: its page is taken at once, with "约 N 条" from them
            SearchMatch wordMatch = new SearchMatch(List.of(word), ItemFilter.none(), false, java.time.ZoneId.of("Asia/Shanghai"));
            assertThat(planner.ranked(wordMatch, 30).estimate()).isBetween(3L * (PublicSearch.SEARCH_RESULT_CAP + 1), 5_000L);
            var page2 = search.search(word, ItemFilter.none(), 2, 10);
            assertThat(page2.approximate()).isTrue();
            assertThat(ids(page2)).containsExactly(java.util.stream.IntStream.range(10, 20).mapToObj(item::apply).toArray(String[]::new));

            // a word in 30 titles is too rare for the random sample of titles to tell whether its bigrams come together; the
            // titles that the index gives for its rarest bigram tell
            double snapshots = jdbc.queryForObject("select reltuples::float8 from pg_class where oid = 'publication_snapshot'::regclass", Double.class);
            assertThat(titleSample.wholeTermShare(java.util.Map.of(rare, at.apply(4) + at.apply(5)), snapshots)).isEqualTo(1.0);
            // and the rare word's 30 matches are counted
            var ofRare = search.search(rare, ItemFilter.none(), 1, 10);
            assertThat(ofRare.approximate()).isFalse();
            assertThat(ofRare.total()).isEqualTo(30);
        } finally {
            jdbc.execute("alter table publication_snapshot alter column search_bigrams set statistics -1");
            jdbc.execute("analyze publication_snapshot");
            planner.forgetBigramShares();
        }
    }

    @Test
    void aWalkOfTheNewestSnapshotsThatCameShortIsNotSentAgainAndThePageStaysTheSame() throws Exception {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String prefix = "swk" + newId();
        String term = term();
        // a term in the bodies of 1,100 snapshots of 2019, and in the titles of five of them: more matches than the cap,
        // and too few among the newest titles for a walk of them to fill a page
        publishGenerated(prefix, department, 1_100, "2019-04-01 08:00+08",
                "'关于有关事项的通知' || case when g % 200 = 7 then ? else '' end || g", "'正文' || ?", term, term);
        jdbc.execute("analyze publication_snapshot");
        planner.forgetBigramShares();
        SearchMatch match = new SearchMatch(List.of(term), ItemFilter.none(), false, java.time.ZoneId.of("Asia/Shanghai"));
        // the five title matches first, newest first, then the newest of the others
        List<Long> expected = jdbc.queryForList("select id from publication_snapshot where body_text like ?"
                + " order by (title like ?) desc, published_at desc, id limit 20", Long.class, "%" + term + "%", "%" + term + "%");

        // the bigram frequencies read first, by another search, so that the two searches counted differ only in the walk
        planner.ranked(new SearchMatch(List.of(term()), ItemFilter.none(), false, java.time.ZoneId.of("Asia/Shanghai")), 20);
        var first = new java.util.concurrent.atomic.AtomicReference<SearchPlanner.Ranked>();
        int sent = org.gongkai.support.StatementCounter.count(() -> first.getAndSet(planner.ranked(match, 20)));
        assertThat(first.get().ids()).isEqualTo(expected);
        var again = new java.util.concurrent.atomic.AtomicReference<SearchPlanner.Ranked>();
        int sentAgain = org.gongkai.support.StatementCounter.count(() -> again.getAndSet(planner.ranked(match, 20)));
        assertThat(sentAgain).as("the short walk of the newest titles is not sent again").isLessThan(sent);
        assertThat(again.get().ids()).isEqualTo(expected);
        // a walk for no more than it found is sent again: the five title matches fill a page of five
        assertThat(planner.ranked(match, 5).ids()).isEqualTo(expected.subList(0, 5));
    }

    @Test
    void aWalkThatReadsMoreTextsThanTheIndexWouldIsNotSentAgainAndThePageStaysTheSame() throws Exception {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String prefix = "cwk" + newId();
        String issuer = "丁科" + prefix;
        String term = term();
        // 8,000 snapshots of one issuer, one a minute back from a day of 2019, the term in the body of every one but the
        // newest 2,500: more matches than the cap, common enough for a walk of the newest texts, and none among the first
        // 2,500 rows that walk reads (terms come in runs, as news does)
        publishGenerated(prefix, department, issuer, 8_000, "2019-06-01 08:00+08", "'关于有关事项的通知' || g",
                "'正文' || case when g >= 2500 then ? else '' end", term);
        jdbc.execute("analyze publication_snapshot");
        planner.forgetBigramShares();
        ItemFilter byIssuer = new ItemFilter(List.of(), null, null, issuer, null, null);
        java.util.function.IntFunction<List<String>> newest = n -> jdbc.queryForList("select document_id from publication_snapshot"
                + " where issuing_department_name = ? and body_text like ? order by published_at desc, id limit ?", String.class,
                issuer, "%" + term + "%", n);
        java.util.function.Predicate<String> walk = sql -> sql.contains("row_number() over");

        var page = new java.util.concurrent.atomic.AtomicReference<List<String>>();
        List<String> first = org.gongkai.support.StatementCounter.statements(
                () -> page.getAndSet(ids(search.search(term, byIssuer, PublicSearch.Order.DATE, 1, 10))));
        assertThat(page.get()).isEqualTo(newest.apply(10));
        assertThat(first).as("the newest texts are walked first").anyMatch(walk);
        // it read 2,510 texts for the page, more than the index read would have: the index is read instead, the same page
        List<String> again = org.gongkai.support.StatementCounter.statements(
                () -> page.getAndSet(ids(search.search(term, byIssuer, PublicSearch.Order.DATE, 1, 10))));
        assertThat(again.stream().filter(walk).count()).as("the costly walk is not sent again")
                .isLessThan(first.stream().filter(walk).count());
        assertThat(page.get()).isEqualTo(newest.apply(10));
        assertThat(ids(search.search(term, byIssuer, PublicSearch.Order.DATE, 3, 10))).isEqualTo(newest.apply(30).subList(20, 30));
    }
}
