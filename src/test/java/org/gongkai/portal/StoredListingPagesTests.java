package org.gongkai.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.gongkai.AbstractIntegrationTest;
import org.gongkai.infrastructure.PublicChanges;
import org.gongkai.publication.PublicationContent;
import org.gongkai.publication.PublicationFixtures;
import org.gongkai.publication.PublicationWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Catalogue pages kept in PostgreSQL for every node ({@link PageStore}, {@link StoredListingPages}): served without the
 * template once stored, never after the next public change or by another build, and only for the catalogue's own
 * parameters and pages that list something.
 */
class StoredListingPagesTests extends AbstractIntegrationTest {

    private static final String COLUMN = "/catalogue/ggws";

    @Autowired
    PublicPageCache cache;

    @Autowired
    PublicationWriter writer;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    PublicChanges changes;

    @Autowired
    StoredListingPages listings;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @AfterEach
    void forgetPages() {
        cache.evictAll();
    }

    private double count(String name, String tag, String value) {
        return meters.get(name).tag(tag, value).functionCounter().count();
    }

    private PublicationContent publish(String title) {
        var department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        PublicationContent content = PublicationFixtures.inColumn(PublicationFixtures.content(department,
                "sl" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), title, "存页正文", Instant.now()),
                "ggws", "公共卫生");
        transactions.executeWithoutResult(s -> writer.publish(content));
        return content;
    }

    /** Waits for the writer, which stores a page after its response has gone, to store the address at the current version. */
    private void awaitStored(String address) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Integer stored = jdbc.queryForObject("select count(*) from stored_listing_page where address = ? and public_version = ?",
                    Integer.class, address, changes.seenVersion());
            if (stored != null && stored == 1) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(address + " was not stored within 10 s");
    }

    private boolean stored(String address) {
        return jdbc.queryForObject("select count(*) from stored_listing_page where address = ?", Integer.class, address) > 0;
    }

    private MvcResult page(String address) throws Exception {
        return mvc.perform(get(address)).andExpect(status().isOk()).andReturn();
    }

    @Test
    void aCataloguePageIsRenderedOnceAndServedFromTheDatabaseUntilTheNextPublicChange() throws Exception {
        PublicationContent first = publish("存页目录测试：第一条信息");
        cache.evictAll();
        MvcResult rendered = page(COLUMN + "?page=1");
        assertThat(rendered.getResponse().getHeader("X-Page-Cache")).isNull();
        String html = rendered.getResponse().getContentAsString();
        assertThat(html).contains(first.title());
        awaitStored(COLUMN + "?page=1");
        // marked behind the application's back: what is served next comes from the stored row, not from the template
        jdbc.update("update stored_listing_page set etag = '\"from-the-store\"' where address = ?", COLUMN + "?page=1");
        cache.evictAll(); // as on another node, or after a restart
        double found = count("gongkai.listing.pages.reads", "result", "found");

        MvcResult fromStore = mvc.perform(get(COLUMN + "?page=1")).andExpect(status().isOk())
                .andExpect(header().string("X-Page-Cache", "stored")).andExpect(header().string("ETag", "\"from-the-store\""))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'")))
                .andReturn();
        assertThat(fromStore.getResponse().getContentAsString()).isEqualTo(html);
        assertThat(count("gongkai.listing.pages.reads", "result", "found")).isEqualTo(found + 1);
        assertThat(count("gongkai.listing.pages.writes", "outcome", "stored")).isPositive();

        // any publication is a public change: the stored page is never served again, the next reader gets the new list
        PublicationContent second = publish("存页目录测试：第二条信息");
        cache.evictAll();
        MvcResult after = page(COLUMN + "?page=1");
        assertThat(after.getResponse().getHeader("X-Page-Cache")).isNull();
        assertThat(after.getResponse().getContentAsString()).contains(second.title()).contains(first.title());
        awaitStored(COLUMN + "?page=1");
        cache.evictAll();
        assertThat(page(COLUMN + "?page=1").getResponse().getContentAsString()).contains(second.title());
    }

    @Test
    void onlyTheCataloguesOwnAddressesThatListSomethingAreStoredForReadersWithoutCookies() throws Exception {
        publish("存页目录测试：筛选");
        cache.evictAll();
        String tracked = COLUMN + "?page=1&from=qr";
        String nothing = COLUMN + "?topic=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA%E4%B8%BB%E9%A2%98";
        String pastTheEnd = COLUMN + "?page=9999";
        String elder = COLUMN + "?page=1&validity=VALID";
        page(tracked);
        page(nothing);
        page(pastTheEnd);
        mvc.perform(get(elder).cookie(new Cookie("elder", "1"))).andExpect(status().isOk());
        // the writer takes pages in order: once this one is stored, the ones before it were taken and left out
        page(COLUMN);
        awaitStored(COLUMN);
        assertThat(stored(tracked)).as("a parameter that is not the catalogue's").isFalse();
        assertThat(stored(nothing)).as("a filter matching nothing").isFalse();
        assertThat(stored(pastTheEnd)).as("a page past the end").isFalse();
        assertThat(stored(elder)).as("a reader with 长者模式").isFalse();
    }

    @Test
    void aPageOfAnotherBuildIsNotServedAndOutdatedPagesAreDeleted() throws Exception {
        publish("存页目录测试：版本");
        cache.evictAll();
        page(COLUMN + "?page=1&genre=");
        awaitStored(COLUMN + "?page=1&genre=");
        jdbc.update("update stored_listing_page set template_key = 'another-build' where address = ?", COLUMN + "?page=1&genre=");
        cache.evictAll();
        assertThat(page(COLUMN + "?page=1&genre=").getResponse().getHeader("X-Page-Cache")).isNull();

        jdbc.update("""
                insert into stored_listing_page (address, public_version, template_key, content_type, etag, headers, body_gzip)
                values ('/catalogue/old', ?, 'k', 'text/html', '"e"', '{}', '\\x00'),
                       ('/catalogue/expired', ?, 'k', 'text/html', '"e"', '{}', '\\x00')""",
                changes.seenVersion() - 1, changes.seenVersion());
        jdbc.update("update stored_listing_page set stored_at = now() - interval '7 hours' where address = '/catalogue/expired'");
        awaitStored(COLUMN + "?page=1&genre=");
        listings.deleteOutdated();
        assertThat(stored("/catalogue/old")).isFalse();
        assertThat(stored("/catalogue/expired")).isFalse();
        assertThat(stored(COLUMN + "?page=1&genre=")).isTrue();
    }
}
