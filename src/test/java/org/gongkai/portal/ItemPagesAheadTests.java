package org.gongkai.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.publication.PublicationContent;
import org.gongkai.publication.PublicationWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Item pages rendered ahead of their readers ({@link ItemPagesAhead}): after a publication, and after a change of a
 * document that a page links to, the page is stored before anyone asks for it, so that even its first reader gets stored
 * bytes; the sweep stores what no change announced (here: a page stored by another build). The shared test context keeps
 * rendering ahead off (the tests of {@link StoredItemPagesTests} need their first renders); these tests turn it on.
 */
class ItemPagesAheadTests extends AbstractIntegrationTest {

    @Autowired
    ItemPagesAhead ahead;

    @Autowired
    PublicPageCache cache;

    @Autowired
    PageStore pageStore;

    @Autowired
    PublicationWriter writer;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private double rendered(String trigger) {
        return meters.get("gongkai.item.pages.ahead").tag("trigger", trigger).functionCounter().count();
    }

    @BeforeEach
    void renderAhead() {
        ReflectionTestUtils.setField(ahead, "enabled", true);
    }

    @AfterEach
    void stopRenderingAhead() {
        ReflectionTestUtils.setField(ahead, "enabled", false);
        cache.evictAll();
    }

    private PublicationContent publish(String title, List<PublicationContent.Related> related, Instant at) {
        return StoredItemPagesTests.publish(jdbc, transactions, writer, title, related, at);
    }

    private MvcResult page(String documentId) throws Exception {
        return mvc.perform(get("/items/{id}", documentId)).andReturn();
    }

    @Test
    void aPublishedItemIsStoredBeforeAnyoneAsksAndItsFirstReaderGetsTheStoredPage() throws Exception {
        double afterChanges = rendered("change");
        PublicationContent item = publish("预渲染测试：冬季呼吸道传染病防控提示", List.of(), Instant.parse("2026-05-10T02:00:00Z"));
        StoredItemPagesTests.awaitStored(jdbc, item.documentId());
        // counted when the renderer has its answer, which may come after the page store's writer has stored the page
        for (long deadline = System.nanoTime() + 5_000_000_000L; rendered("change") < afterChanges + 1
                && System.nanoTime() < deadline; ) {
            Thread.sleep(10);
        }
        assertThat(rendered("change")).isGreaterThanOrEqualTo(afterChanges + 1);

        // the first request of all: from the store, not rendered, and not from memory (rendering ahead keeps nothing there)
        MvcResult first = mvc.perform(get("/items/{id}", item.documentId()))
                .andExpect(header().string("X-Page-Cache", "stored")).andReturn();
        assertThat(first.getResponse().getContentAsString()).contains("<h1>预渲染测试：冬季呼吸道传染病防控提示</h1>");
        cache.evictAll();
        // a request with someone else's token is an ordinary reader's: answered from the store, not rendered again
        mvc.perform(get("/items/{id}", item.documentId()).header(ItemPagesAhead.HEADER, "0123456789abcdef0123456789abcdef"))
                .andExpect(header().string("X-Page-Cache", "stored"));
    }

    @Test
    void aPageIsRenderedAgainAheadWhenADocumentItLinksToIsTakenOffTheSite() throws Exception {
        PublicationContent policy = publish("预渲染测试：被解读的政策", List.of(), Instant.parse("2026-05-11T02:00:00Z"));
        PublicationContent reading = publish("预渲染测试：政策解读",
                List.of(new PublicationContent.Related(policy.documentId(), policy.title(), "INTERPRETS")),
                Instant.parse("2026-05-12T02:00:00Z"));
        StoredItemPagesTests.awaitStored(jdbc, reading.documentId());
        assertThat(page(reading.documentId()).getResponse().getContentAsString()).contains("/items/" + policy.documentId());
        long before = pageVersion(reading.documentId());

        transactions.executeWithoutResult(s -> writer.unpublish(policy.documentId(), "错误发布", Instant.parse("2026-05-13T02:00:00Z")));
        assertThat(pageVersion(reading.documentId())).isGreaterThan(before);
        StoredItemPagesTests.awaitStored(jdbc, reading.documentId());
        cache.evictAll();
        MvcResult after = mvc.perform(get("/items/{id}", reading.documentId()))
                .andExpect(header().string("X-Page-Cache", "stored")).andReturn();
        assertThat(after.getResponse().getContentAsString()).contains("预渲染测试：政策解读")
                .doesNotContain("/items/" + policy.documentId());
    }

    @Test
    void theSweepStoresThePagesThatThisBuildHasNotStoredNewestFirst() throws Exception {
        // the newest change of all the test database holds (also one kept from earlier runs), so that a sweep of one page
        // takes it
        Instant newest = jdbc.queryForObject("select coalesce(max(last_major_change_at), now()) from public_document", java.sql.Timestamp.class)
                .toInstant().plus(Duration.ofDays(1));
        PublicationContent item = publish("预渲染测试：新版本上线后补存", List.of(), newest);
        StoredItemPagesTests.awaitStored(jdbc, item.documentId());
        // as after an upgrade: the stored copy is the older build's, which this build does not serve
        jdbc.update("update stored_item_page set template_key = 'older-build' where document_id = ?", item.documentId());

        double bySweep = rendered("sweep");
        assertThat(ahead.sweep(null, Duration.ofSeconds(30), 1).rendered()).isEqualTo(1);
        assertThat(rendered("sweep")).isEqualTo(bySweep + 1);
        String key = "older-build";
        for (long deadline = System.nanoTime() + 10_000_000_000L; key.equals("older-build") && System.nanoTime() < deadline; ) {
            Thread.sleep(20);
            key = jdbc.queryForObject("select template_key from stored_item_page where document_id = ?", String.class,
                    item.documentId());
        }
        assertThat(key).as("this build's copy replaced the other build's").isEqualTo(pageStore.templateKey());
        cache.evictAll();
        mvc.perform(get("/items/{id}", item.documentId())).andExpect(header().string("X-Page-Cache", "stored"));
    }

    private long pageVersion(String documentId) {
        return jdbc.queryForObject("select page_version from public_document where document_id = ?", Long.class, documentId);
    }
}
