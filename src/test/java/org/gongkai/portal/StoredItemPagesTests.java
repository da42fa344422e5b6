package org.gongkai.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.publication.PublicationContent;
import org.gongkai.publication.PublicationFixtures;
import org.gongkai.publication.PublicationWriter;
import org.gongkai.publication.StoredItemPages;
import org.gongkai.publication.Validity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Item pages kept in PostgreSQL for every node ({@link PageStore}): served without the template once stored, and never
 * after anything the page shows has changed (its own editions, withdrawal and unpublishing, its linked documents, the
 * questions asked about it) or after a new build.
 */
public class StoredItemPagesTests extends AbstractIntegrationTest {

    @Autowired
    PublicPageCache cache;

    @Autowired
    PublicationWriter writer;

    @Autowired
    StoredItemPages storedPages;

    @Autowired
    PageStore pageStore;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private double count(String name, String tag, String value) {
        return meters.get(name).tag(tag, value).functionCounter().count();
    }

    @AfterEach
    void forgetPages() {
        cache.evictAll();
    }

    private PublicationContent publish(String title, List<PublicationContent.Related> related) {
        return publish(jdbc, transactions, writer, title, related, Instant.parse("2026-03-10T02:00:00Z"));
    }

    /** Publishes a first edition with these links at that moment (committed: its after-commit listeners have run). */
    static PublicationContent publish(JdbcTemplate jdbc, TransactionTemplate transactions, PublicationWriter writer,
                                      String title, List<PublicationContent.Related> related, Instant at) {
        var department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        PublicationContent base = PublicationFixtures.content(department, "st" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
                title, "存页正文", at);
        PublicationContent content = new PublicationContent(base.documentId(), base.editionId(), 1, base.departmentId(),
                base.departmentCreditCode(), base.publishedAt(), false, null, title, base.documentNumber(), base.writtenOn(),
                base.summary(), base.keywords(), base.catalogueCode(), base.catalogueName(), base.topic(), base.genre(),
                base.audience(), base.disclosureAttribute(), base.issuingDepartmentName(), false, base.bodyHtml(),
                base.bodyText(), List.of(), related, "[]");
        transactions.executeWithoutResult(s -> writer.publish(content));
        return content;
    }

    /** Waits for the page store's writer, which stores a page after its response has gone (ten seconds on a loaded machine). */
    public static void awaitStored(JdbcTemplate jdbc, String documentId) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Integer stored = jdbc.queryForObject("""
                    select count(*) from stored_item_page p join public_document d using (document_id)
                    where p.document_id = ? and p.page_version = d.page_version""", Integer.class, documentId);
            if (stored != null && stored == 1) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the page of " + documentId + " was not stored within 10 s");
    }

    private MvcResult page(String documentId) throws Exception {
        return mvc.perform(get("/items/{id}", documentId)).andReturn();
    }

    /** Renders the page for an anonymous reader, waits until it is stored, and forgets every node's memory of it. */
    private void renderAndStore(String documentId) throws Exception {
        cache.evictAll();
        assertThat(page(documentId).getResponse().getHeader("X-Page-Cache")).isNull();
        awaitStored(jdbc, documentId);
        cache.evictAll();
    }

    @Test
    void aRenderedItemPageIsServedFromTheDatabaseWithoutTheTemplateByANodeThatNeverRenderedIt() throws Exception {
        PublicationContent item = publish("存页测试：秋季流感疫苗接种安排", List.of());
        MvcResult rendered = page(item.documentId());
        String html = rendered.getResponse().getContentAsString();
        awaitStored(jdbc, item.documentId());
        // changed behind the application's back: a page read from the store shows the bytes rendered before, so no
        // template and no item query ran for it
        String indexNumber = jdbc.queryForObject("select index_number from public_document where document_id = ?", String.class,
                item.documentId());
        assertThat(html).contains(indexNumber);
        jdbc.update("update public_document set index_number = 'changed-behind-its-back-' || document_id where document_id = ?", item.documentId());
        cache.evictAll(); // as on another node, or after a restart
        double found = count("gongkai.item.pages.reads", "result", "found");
        assertThat(count("gongkai.item.pages.writes", "outcome", "stored")).isPositive();

        MvcResult stored = mvc.perform(get("/items/{id}", item.documentId())).andExpect(status().isOk())
                .andExpect(header().string("X-Page-Cache", "stored"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'")))
                .andExpect(header().string("ETag", rendered.getResponse().getHeader("ETag"))).andReturn();
        assertThat(stored.getResponse().getContentAsString()).isEqualTo(html).contains("存页测试：秋季流感疫苗接种安排")
                .doesNotContain("changed-behind-its-back");
        assertThat(stored.getResponse().getContentType()).isEqualTo(rendered.getResponse().getContentType());
        assertThat(count("gongkai.item.pages.reads", "result", "found")).isEqualTo(found + 1);
        // then it is in this node's memory
        mvc.perform(get("/items/{id}", item.documentId())).andExpect(header().string("X-Page-Cache", "hit"));
        // gzip straight from the stored bytes
        cache.evictAll();
        MvcResult gzip = mvc.perform(get("/items/{id}", item.documentId()).header("Accept-Encoding", "gzip"))
                .andExpect(header().string("X-Page-Cache", "stored")).andExpect(header().string("Content-Encoding", "gzip"))
                .andReturn();
        assertThat(PublicPageCacheIntegrationTests.gunzip(gzip.getResponse().getContentAsByteArray())).isEqualTo(html);
    }

    @Test
    void aNewEditionWithdrawalOrUnpublishingIsShownAtOnceAndTheNewPageIsStoredInTurn() throws Exception {
        PublicationContent item = publish("存页测试：第一版标题", List.of());
        renderAndStore(item.documentId());

        PublicationContent second = PublicationFixtures.nextEdition(item, 2, "存页测试：第二版标题", false, "更正", Instant.parse("2026-03-12T02:00:00Z"));
        transactions.executeWithoutResult(s -> writer.publish(second));
        cache.evictAll();
        MvcResult after = page(item.documentId());
        assertThat(after.getResponse().getHeader("X-Page-Cache")).isNull();
        assertThat(after.getResponse().getContentAsString()).contains("<h1>存页测试：第二版标题</h1>")
                .doesNotContain("<h1>存页测试：第一版标题</h1>");
        awaitStored(jdbc, item.documentId());
        cache.evictAll();
        assertThat(page(item.documentId()).getResponse().getContentAsString()).contains("存页测试：第二版标题");

        transactions.executeWithoutResult(s -> writer.withdraw(item.documentId(), Validity.REPEALED, LocalDate.of(2026, 4, 1), "已被新文件替代"));
        cache.evictAll();
        assertThat(page(item.documentId()).getResponse().getContentAsString()).contains("已被新文件替代");
        awaitStored(jdbc, item.documentId());

        transactions.executeWithoutResult(s -> writer.unpublish(item.documentId(), "错误发布", Instant.parse("2026-04-02T02:00:00Z")));
        cache.evictAll();
        mvc.perform(get("/items/{id}", item.documentId())).andExpect(status().isGone())
                .andExpect(header().doesNotExist("X-Page-Cache"));
    }

    @Test
    void theLinkedDocumentsPagesChangeWhenADocumentTheyNameOrThatNamesThemChanges() throws Exception {
        PublicationContent policy = publish("存页测试：被解读的政策文件", List.of());
        PublicationContent reading = publish("存页测试：政策解读",
                List.of(new PublicationContent.Related(policy.documentId(), policy.title(), "INTERPRETS")));
        // the policy's page lists the reading that names it; the reading's page links the policy
        renderAndStore(policy.documentId());
        renderAndStore(reading.documentId());
        assertThat(page(policy.documentId()).getResponse().getContentAsString()).contains("存页测试：政策解读");
        assertThat(page(reading.documentId()).getResponse().getContentAsString()).contains("/items/" + policy.documentId());
        cache.evictAll();
        mvc.perform(get("/items/{id}", policy.documentId())).andExpect(header().string("X-Page-Cache", "stored"));

        transactions.executeWithoutResult(s -> writer.unpublish(reading.documentId(), "错误发布", Instant.parse("2026-04-02T02:00:00Z")));
        cache.evictAll();
        MvcResult policyPage = page(policy.documentId());
        assertThat(policyPage.getResponse().getHeader("X-Page-Cache")).isNull();
        assertThat(policyPage.getResponse().getContentAsString()).contains("存页测试：被解读的政策文件")
                .doesNotContain("存页测试：政策解读");

        // and the other way: a page naming a document that is taken off the site no longer links it
        PublicationContent notice = publish("存页测试：引用政策的通知",
                List.of(new PublicationContent.Related(policy.documentId(), policy.title(), "INTERPRETS")));
        renderAndStore(notice.documentId());
        assertThat(page(notice.documentId()).getResponse().getContentAsString()).contains("/items/" + policy.documentId());
        transactions.executeWithoutResult(s -> writer.unpublish(policy.documentId(), "错误发布", Instant.parse("2026-04-03T02:00:00Z")));
        cache.evictAll();
        assertThat(page(notice.documentId()).getResponse().getContentAsString()).doesNotContain("/items/" + policy.documentId());
    }

    @Test
    void pagesForReaderChoicesAnotherBuildOrAQuestionAskedAboutTheItemAreNotServedFromTheStore() throws Exception {
        PublicationContent item = publish("存页测试：读者选择", List.of());
        renderAndStore(item.documentId());

        // 长者模式 changes the HTML: rendered for that reader, never stored or read
        MvcResult elder = mvc.perform(get("/items/{id}", item.documentId())
                .cookie(new jakarta.servlet.http.Cookie(ReaderPreferences.ELDER_COOKIE, "1"))).andReturn();
        assertThat(elder.getResponse().getHeader("X-Page-Cache")).isNull();
        assertThat(elder.getResponse().getContentAsString()).contains("elder");

        // any query, even one the page ignores, goes through the filters that check it
        cache.evictAll();
        mvc.perform(get("/items/{id}?from=qr", item.documentId())).andExpect(status().isOk())
                .andExpect(header().doesNotExist("X-Page-Cache"));

        // a page stored by another build (other templates or messages) is rendered again by this one
        jdbc.update("update stored_item_page set template_key = 'older-build' where document_id = ?", item.documentId());
        cache.evictAll();
        assertThat(page(item.documentId()).getResponse().getHeader("X-Page-Cache")).isNull();
        String key = "older-build";
        for (long deadline = System.nanoTime() + 5_000_000_000L; key.equals("older-build") && System.nanoTime() < deadline; ) {
            Thread.sleep(20);
            key = jdbc.queryForObject("select template_key from stored_item_page where document_id = ?", String.class,
                    item.documentId());
        }
        assertThat(key).as("this build's copy replaced the other build's").isNotEqualTo("older-build");

        // a published answer to a question asked about the item changes its page (QuestionsIntegrationTests shows the list)
        cache.evictAll();
        mvc.perform(get("/items/{id}", item.documentId())).andExpect(header().string("X-Page-Cache", "stored"));
        transactions.executeWithoutResult(s -> storedPages.pageChanged(item.documentId()));
        cache.evictAll();
        assertThat(page(item.documentId()).getResponse().getHeader("X-Page-Cache")).isNull();
    }

    @Test
    void theNewestPagesArePagedWithoutSkippingOrRepeatingDocumentsChangedAtTheSameMoment() throws Exception {
        // three documents changed at one moment after every other in the database (also one kept from an earlier run)
        Instant newest = jdbc.queryForObject("select coalesce(max(last_major_change_at), now()) from public_document",
                java.sql.Timestamp.class).toInstant().plus(java.time.Duration.ofDays(1));
        List<String> same = java.util.stream.Stream.of("甲", "乙", "丙")
                .map(n -> publish(jdbc, transactions, writer, "存页测试：同一时刻" + n, List.of(), newest).documentId())
                .sorted().toList();
        String key = "a-build-that-stored-nothing";

        List<StoredItemPages.PageState> first = storedPages.newest(null, 2, key);
        List<StoredItemPages.PageState> second = storedPages.newest(first.get(1), 2, key);
        assertThat(first).extracting(StoredItemPages.PageState::documentId).containsExactly(same.get(0), same.get(1));
        assertThat(second.get(0).documentId()).isEqualTo(same.get(2));
        assertThat(second.get(1).changedAt()).isBefore(newest);
        assertThat(first).allSatisfy(state -> assertThat(state.current()).isFalse());

        // stored by this build: current for this build only
        renderAndStore(same.get(0));
        assertThat(storedPages.newest(null, 1, pageStore.templateKey()).get(0).current()).isTrue();
        assertThat(storedPages.newest(null, 1, key).get(0).current()).isFalse();
    }
}
