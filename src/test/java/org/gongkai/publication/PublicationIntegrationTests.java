package org.gongkai.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.publication.PublicViews.ItemFilter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

class PublicationIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    PublicationWriter writer;

    @Autowired
    PublishedItems published;

    @Autowired
    PublicSearch search;

    @Autowired
    SearchPlanner planner;

    @Autowired
    TransactionTemplate transactions;

    private PublicationWriter.Published publish(PublicationContent content) {
        return transactions.execute(s -> writer.publish(content));
    }

    /** The test department's items in these columns (the demo data has many newer ones). */
    private static ItemFilter inColumns(PublicationFixtures.Department department, String... codes) {
        return new ItemFilter(List.of(codes), null, null, department.name(), null, null);
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    @Test
    void anEditionFiledUnderAnotherColumnMovesTheItemToThatColumnsList() {
        PublicationFixtures.Department department = PublicationFixtures.newDepartment(jdbc);
        String id = newId();
        PublicationContent first = PublicationFixtures.content(department, id, "栏目调整测试", "正文",
                Instant.parse("2026-05-06T02:00:00Z"));
        publish(first);
        assertThat(published.list(inColumns(department, "gggs"), 1, 50).items())
                .extracting(PublicViews.ItemSummary::documentId).contains(id);

        publish(PublicationFixtures.inColumn(PublicationFixtures.nextEdition(first, 2, "栏目调整测试", false, "改列入政策文件",
                Instant.parse("2026-05-07T02:00:00Z")), "zcwj-gfxwj", "规范性文件"));
        assertThat(jdbc.queryForObject("select catalogue_code from public_document where document_id = ?", String.class, id))
                .as("the document carries its current snapshot's column").isEqualTo("zcwj-gfxwj");
        assertThat(published.list(inColumns(department, "gggs"), 1, 50).items())
                .extracting(PublicViews.ItemSummary::documentId).doesNotContain(id);
        assertThat(published.list(inColumns(department, "zcwj", "zcwj-gfxwj"), 1, 50).items())
                .extracting(PublicViews.ItemSummary::documentId).contains(id);
        assertThat(published.list(inColumns(department, "zcwj-gfxwj"), 1, 50).items())
                .extracting(PublicViews.ItemSummary::documentId).contains(id);
    }

    @Test
    void twentyConcurrentFirstPublicationsGetTwentyConsecutiveSerials() throws Exception {
        PublicationFixtures.Department department = PublicationFixtures.newDepartment(jdbc);
        Instant at = Instant.parse("2026-05-06T02:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PublicationWriter.Published>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            PublicationContent content = PublicationFixtures.content(department, newId(), "并发发布测试" + i, "正文", at);
            Callable<PublicationWriter.Published> task = () -> {
                start.await();
                return publish(content);
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        List<String> numbers = new ArrayList<>();
        for (Future<PublicationWriter.Published> result : results) {
            numbers.add(result.get().indexNumber());
        }
        pool.shutdown();
        List<String> expected = new ArrayList<>();
        for (int serial = 1; serial <= 20; serial++) {
            expected.add("%s/2026-%05d".formatted(department.creditCode(), serial));
        }
        assertThat(numbers).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void twoDepartmentsOfOneOrganNumberInOneSequenceUnderConcurrency() throws Exception {
        PublicationFixtures.Department first = PublicationFixtures.newDepartment(jdbc);
        PublicationFixtures.Department second = PublicationFixtures.newDepartmentOf(jdbc, first);
        Instant at = Instant.parse("2026-05-06T02:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PublicationWriter.Published>> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            PublicationContent content = PublicationFixtures.content(i % 2 == 0 ? first : second, newId(), "两个科室并发发布" + i, "正文", at);
            Callable<PublicationWriter.Published> task = () -> {
                start.await();
                return publish(content);
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        List<Integer> serials = new ArrayList<>();
        for (Future<PublicationWriter.Published> result : results) {
            org.gongkai.support.IndexNumber number = org.gongkai.support.IndexNumber.parse(result.get().indexNumber());
            assertThat(number.creditCode()).isEqualTo(first.creditCode());
            serials.add(number.serial());
        }
        pool.shutdown();
        // one sequence for the organ: 1..12, each once, whichever 科室 published
        assertThat(serials).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 12).boxed().toList());
        assertThat(jdbc.queryForObject("select count(distinct department_id) from public_document where index_number like ?",
                Integer.class, first.creditCode() + "/2026-%")).isEqualTo(2);
    }

    @Test
    void aNewEditionKeepsTheIndexNumberAndRecordsTheChangeNoteUnlessMinor() {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "医政医管科");
        PublicationContent first = PublicationFixtures.content(department, newId(), "医疗机构名录（2026年）", "名录正文",
                Instant.parse("2026-02-02T01:00:00Z"));
        String indexNumber = publish(first).indexNumber();
        publish(PublicationFixtures.nextEdition(first, 2, "医疗机构名录（2026年更新）", false, "新增3家社区卫生服务站",
                Instant.parse("2026-04-01T01:00:00Z")));
        var third = publish(PublicationFixtures.nextEdition(first, 3, "医疗机构名录（2026年更新）", true, "修正错别字",
                Instant.parse("2026-04-02T01:00:00Z")));
        assertThat(third.indexNumber()).isEqualTo(indexNumber);
        assertThat(third.firstPublication()).isFalse();

        var item = published.find(first.documentId()).orElseThrow();
        assertThat(item.summary().title()).isEqualTo("医疗机构名录（2026年更新）");
        assertThat(item.summary().indexNumber()).isEqualTo(indexNumber);
        assertThat(item.editionNumber()).isEqualTo(3);
        assertThat(item.history()).extracting(PublicViews.Change::note).containsExactly("新增3家社区卫生服务站", "首次发布");
        assertThat(item.summary().lastMajorChangeAt()).isEqualTo(Instant.parse("2026-04-01T01:00:00Z"));
    }

    @Test
    void snapshotsAreImmutable() {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "医政医管科");
        PublicationContent content = PublicationFixtures.content(department, newId(), "不可更改的快照", "正文", Instant.now());
        publish(content);
        assertThatThrownBy(() -> jdbc.update("update publication_snapshot set title = 'x' where document_id = ?", content.documentId()))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.update("delete from publication_snapshot where document_id = ?", content.documentId()))
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void searchFindsChineseSubstringsTitleFirstAndNeverUnpublishedItems() {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String marker = "甲乙丙" + newId().substring(0, 4);
        PublicationContent inBody = PublicationFixtures.content(department, newId(), "预防接种工作通知" + marker,
                "做好疫苗接种和冷链管理。", Instant.parse("2026-03-01T01:00:00Z"));
        PublicationContent inTitle = PublicationFixtures.content(department, newId(), "疑似预防接种异常反应监测年度报告（疫苗）" + marker,
                "全年报告情况。", Instant.parse("2025-03-01T01:00:00Z"));
        PublicationContent gone = PublicationFixtures.content(department, newId(), "已撤下的疫苗信息" + marker,
                "疫苗", Instant.parse("2026-03-05T01:00:00Z"));
        publish(inBody);
        publish(inTitle);
        publish(gone);
        transactions.executeWithoutResult(s -> writer.unpublish(gone.documentId(), "误发", Instant.now()));

        var hits = search.search("疫苗 " + marker, ItemFilter.none(), 1, 10);
        assertThat(hits.items()).extracting(h -> h.item().documentId()).containsExactly(inTitle.documentId(), inBody.documentId());
        assertThat(hits.items().get(0).title()).anySatisfy(seg -> {
            assertThat(seg.match()).isTrue();
            assertThat(seg.text()).isEqualTo("疫苗");
        });
        assertThat(hits.items().get(1).snippet()).anyMatch(seg -> seg.match() && seg.text().equals("疫苗"));

        assertThat(published.status(gone.documentId())).isEqualTo(PublicStatus.UNPUBLISHED);
        assertThat(published.find(gone.documentId())).isEmpty();
        assertThat(published.latest(50)).noneMatch(i -> i.documentId().equals(gone.documentId()));
        assertThat(published.sitemap()).noneMatch(e -> e.documentId().equals(gone.documentId()));
        assertThat(published.status("never-published")).isEqualTo(PublicStatus.NONE);
    }

    @Test
    void queriesMatchingMoreThanTheCapStillPageNewestTitleMatchesFirst() throws Exception {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        String prefix = "cap" + newId().substring(0, 8);
        // terms of characters (CJK extension A) that no other test uses, new for every run
        var random = java.util.concurrent.ThreadLocalRandom.current();
        int first = 0x3400 + random.nextInt(6000);
        String a = Character.toString(first);
        String b = Character.toString(first + 1);
        String c = Character.toString(first + 2);
        String rareTerm = a + b;
        String commonTerm = b + c;
        // 1,100 items straight into the read model, item 0 the newest; all have the rare term in the body and the common one in
        // the title, every 25th also the rare term in the title; plus a newer unpublished one that must never be found
        jdbc.update("""
                insert into public_document (document_id, index_number, department_id, status, first_published_at, last_major_change_at)
                select ? || lpad(g::text, 5, '0'), ? || '/' || g, ?, case when g < 0 then 'UNPUBLISHED' else 'LIVE' end,
                       timestamptz '2026-04-01 08:00+08' - g * interval '1 minute', timestamptz '2026-04-01 08:00+08' - g * interval '1 minute'
                from generate_series(-1, 1099) g""", prefix, prefix, department.id());
        jdbc.update("""
                insert into publication_snapshot (document_id, edition_id, edition_number, published_at, title, summary, catalogue_code,
                    catalogue_name, issuing_department_name, body_html, body_text)
                select ? || lpad(g::text, 5, '0'), ? + g, 1, timestamptz '2026-04-01 08:00+08' - g * interval '1 minute',
                       case when g % 25 = 0 then '关于' || ? || '与' || ? || '的通知' else '关于' || ? || '的通知' end || g, '概述', 'ggws',
                       '公共卫生', ?, '<p>正文' || ? || '</p>', '正文' || ? 
                from generate_series(-1, 1099) g""", prefix, 800_000_000_000L + random.nextLong(1, 1_000_000_000L) * 10_000,
                rareTerm, commonTerm, commonTerm, department.name(), rareTerm, rareTerm);
        jdbc.update("update public_document d set current_snapshot_id = s.id from publication_snapshot s"
                + " where s.document_id = d.document_id and d.document_id like ?", prefix + "%");
        String newestUnpublished = prefix + "000-1";
        java.util.function.IntFunction<String> item = g -> prefix + String.format("%05d", g);

        for (boolean analysed : new boolean[] {false, true}) {
            if (analysed) {
                // with statistics, the common term is known to be in most titles: counted and paged by walking the newest titles
                jdbc.execute("analyze publication_snapshot");
            }
            planner.forgetBigramShares();

            var rare = search.search(rareTerm, ItemFilter.none(), 1, 10);
            assertThat(rare.total()).isEqualTo(PublicSearch.SEARCH_RESULT_CAP);
            // a year filter walks that year's snapshots by date: the same page, and none in another year
            var inYear = search.search(rareTerm, new ItemFilter(List.of(), null, null, null, 2026, null), 1, 10);
            assertThat(inYear.items()).extracting(h -> h.item().documentId())
                    .containsExactlyElementsOf(rare.items().stream().map(h -> h.item().documentId()).toList());
            assertThat(search.search(rareTerm, new ItemFilter(List.of(), null, null, null, 2026, null), PublicSearch.Order.DATE, 2, 10)
                    .items()).extracting(h -> h.item().documentId())
                    .containsExactly(java.util.stream.IntStream.range(10, 20).mapToObj(item::apply).toArray(String[]::new));
            assertThat(search.search(rareTerm, new ItemFilter(List.of(), null, null, null, 2025, null), 1, 10).items()).isEmpty();
            // beyond the cap the count is the planner's estimate, "约 N 条"
            assertThat(rare.approximate()).isTrue();
            assertThat(rare.about()).isGreaterThan(PublicSearch.SEARCH_RESULT_CAP);
            // newest first, whether in the title or the body
            assertThat(search.search(rareTerm, ItemFilter.none(), PublicSearch.Order.DATE, 1, 10).items())
                    .extracting(h -> h.item().documentId())
                    .containsExactly(java.util.stream.IntStream.range(0, 10).mapToObj(item::apply).toArray(String[]::new));
            assertThat(search.search(rareTerm, ItemFilter.none(), PublicSearch.Order.DATE, 3, 10).items())
                    .extracting(h -> h.item().documentId())
                    .containsExactly(java.util.stream.IntStream.range(20, 30).mapToObj(item::apply).toArray(String[]::new));
            assertThat(rare.items()).extracting(h -> h.item().documentId())
                    .containsExactly(java.util.stream.IntStream.range(0, 10).mapToObj(i -> item.apply(i * 25)).toArray(String[]::new));
            // the 44 title matches fill pages 1-4 and part of 5; then the newest matches in the body only
            var fifth = search.search(rareTerm, ItemFilter.none(), 5, 10);
            assertThat(fifth.items()).extracting(h -> h.item().documentId()).containsExactly(item.apply(1000), item.apply(1025),
                    item.apply(1050), item.apply(1075), item.apply(1), item.apply(2), item.apply(3), item.apply(4), item.apply(5),
                    item.apply(6));
            assertThat(fifth.items().get(4).snippet()).anyMatch(seg -> seg.match() && seg.text().equals(rareTerm));

            var common = search.search(commonTerm, ItemFilter.none(), 3, 10);
            assertThat(common.total()).isEqualTo(PublicSearch.SEARCH_RESULT_CAP);
            assertThat(common.items()).extracting(h -> h.item().documentId())
                    .containsExactly(java.util.stream.IntStream.range(20, 30).mapToObj(item::apply).toArray(String[]::new));
            assertThat(search.search(commonTerm + " " + rareTerm, ItemFilter.none(), 1, 10).items().get(1).item().documentId())
                    .isEqualTo(item.apply(25));
            assertThat(search.search(commonTerm, ItemFilter.none(), 100, 10).items()).extracting(h -> h.item().documentId())
                    .containsExactly(java.util.stream.IntStream.range(990, 1000).mapToObj(item::apply).toArray(String[]::new));
            for (var page : List.of(rare, fifth, common)) {
                assertThat(page.items()).noneMatch(h -> h.item().documentId().equals(newestUnpublished));
            }
        }
        // the page says "约 N 条" and offers both orders, as links that work without JavaScript
        String html = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/search")
                .param("q", rareTerm)).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).containsPattern("约 [0-9,]+ 条与「" + rareTerm + "」相关").contains("按发布日期").contains("sort=date");
        String byDate = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/search")
                .param("q", rareTerm).param("sort", "date")).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(byDate.indexOf("/items/" + item.apply(1))).isPositive().isLessThan(byDate.indexOf("/items/" + item.apply(2)));
        assertThat(html).doesNotContain("/items/" + item.apply(1) + "\"");
    }

    @Test
    void twoCharacterQueriesUseTheBigramIndex() {
        String plan = transactions.execute(s -> {
            jdbc.execute("set local enable_seqscan = off");
            return String.join("\n", jdbc.queryForList("""
                    explain select s.id from publication_snapshot s
                    where s.search_bigrams @@ '''疫苗'''::tsquery""",
                    String.class));
        });
        assertThat(plan).contains("publication_snapshot_search_idx");
    }

    @Test
    void withdrawalKeepsThePagePublicWithBannerFacts() {
        PublicationFixtures.Department department = PublicationFixtures.existingDepartment(jdbc, "医政医管科");
        PublicationContent content = PublicationFixtures.content(department, newId(), "关于印发某规范性文件的通知",
                "正文", Instant.parse("2024-06-01T01:00:00Z"));
        publish(content);
        transactions.executeWithoutResult(s -> writer.withdraw(content.documentId(), Validity.REPEALED,
                LocalDate.of(2026, 1, 1), "已被新文件替代"));
        var item = published.find(content.documentId()).orElseThrow();
        assertThat(item.summary().status()).isEqualTo(PublicStatus.WITHDRAWN);
        assertThat(item.summary().validity()).isEqualTo(Validity.REPEALED);
        assertThat(item.withdrawalReason()).isEqualTo("已被新文件替代");
        assertThat(item.validityChangedOn()).isEqualTo(LocalDate.of(2026, 1, 1));
    }

    @Test
    void queryTermsAreBoundedAndCleaned() {
        assertThat(PublicSearch.terms("双随机  抽查")).containsExactly("双随机", "抽查");
        assertThat(PublicSearch.terms("疫苗' & !(x)")).containsExactly("疫苗", "x");
        assertThat(PublicSearch.terms("医".repeat(500)).get(0)).hasSize(PublicSearch.MAX_QUERY_LENGTH);
        assertThat(PublicSearch.tsquery(List.of("双随机", "抽查"))).isEqualTo("'双随' & '随机' & '抽查'");
    }
}
