package org.gongkai.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.publication.PublicStatus;
import org.gongkai.publication.PublicationChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.MvcResult;

class PublicPageCacheIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    PublicPageCache cache;

    @Autowired
    ApplicationEventPublisher events;

    @AfterEach
    void restore() {
        jdbc.update("update guide_section set heading = replace(heading, '（缓存测试）', '') where position = 40");
        cache.evictAll();
    }

    @Test
    void aCachedPageIsServedWithoutTheDatabaseUntilAPublicationEvictsIt() throws Exception {
        cache.evictAll();
        MvcResult first = mvc.perform(get("/guide")).andExpect(status().isOk()).andReturn();
        String etag = first.getResponse().getHeader("ETag");
        assertThat(etag).isNotBlank();
        assertThat(first.getResponse().getHeader("Set-Cookie")).isNull();

        // changed behind the application's back: the cached bytes are still served, so the hit reached no database
        jdbc.update("update guide_section set heading = heading || '（缓存测试）' where position = 40");
        MvcResult second = mvc.perform(get("/guide")).andExpect(header().string("X-Page-Cache", "hit"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin")).andReturn();
        assertThat(second.getResponse().getContentAsString()).doesNotContain("（缓存测试）");
        assertThat(second.getResponse().getHeader("Set-Cookie")).isNull();
        mvc.perform(get("/guide").header("If-None-Match", etag)).andExpect(status().isNotModified());

        events.publishEvent(new PublicationChanged("x", PublicStatus.LIVE));
        assertThat(mvc.perform(get("/guide")).andReturn().getResponse().getContentAsString()).contains("（缓存测试）");
    }

    @Test
    void consolePagesAndSignedInVisitorsAreNeverServedFromTheCache() throws Exception {
        mvc.perform(get("/")).andReturn();
        // a signed-in browser always carries the session cookie, which keeps it away from the cache
        mvc.perform(get("/").with(as("clerk")).cookie(new jakarta.servlet.http.Cookie("SESSION", "abc")))
                .andExpect(header().doesNotExist("X-Page-Cache"));
        mvc.perform(get("/admin").with(as("clerk"))).andExpect(header().doesNotExist("X-Page-Cache"));
        mvc.perform(get("/login")).andExpect(header().doesNotExist("X-Page-Cache"));
    }

    @Test
    void pagesAreGzippedOnceAndServedCompressedOnlyToClientsThatAcceptIt() throws Exception {
        cache.evictAll();
        MvcResult miss = mvc.perform(get("/guide").header("Accept-Encoding", "gzip, deflate, br"))
                .andExpect(status().isOk()).andExpect(header().string("Content-Encoding", "gzip"))
                .andExpect(header().string("Vary", "Accept-Encoding")).andReturn();
        String html = gunzip(miss.getResponse().getContentAsByteArray());
        assertThat(html).contains("公开指南");

        MvcResult hit = mvc.perform(get("/guide").header("Accept-Encoding", "gzip"))
                .andExpect(header().string("X-Page-Cache", "hit")).andExpect(header().string("Content-Encoding", "gzip"))
                .andExpect(header().string("Vary", "Accept-Encoding")).andReturn();
        byte[] compressed = hit.getResponse().getContentAsByteArray();
        assertThat(gunzip(compressed)).isEqualTo(html);
        assertThat(hit.getResponse().getContentLength()).isEqualTo(compressed.length);
        String gzipTag = hit.getResponse().getHeader("ETag");

        MvcResult plain = mvc.perform(get("/guide")).andExpect(header().string("X-Page-Cache", "hit"))
                .andExpect(header().doesNotExist("Content-Encoding")).andExpect(header().string("Vary", "Accept-Encoding")).andReturn();
        assertThat(plain.getResponse().getContentAsString()).isEqualTo(html);
        assertThat(compressed.length).isLessThan(plain.getResponse().getContentAsByteArray().length / 2);
        String plainTag = plain.getResponse().getHeader("ETag");
        assertThat(gzipTag).isNotEqualTo(plainTag).startsWith("\"").endsWith("-gz\"");

        // each representation revalidates with its own tag
        mvc.perform(get("/guide").header("Accept-Encoding", "gzip").header("If-None-Match", gzipTag)).andExpect(status().isNotModified());
        mvc.perform(get("/guide").header("If-None-Match", plainTag)).andExpect(status().isNotModified());
        mvc.perform(get("/guide").header("If-None-Match", gzipTag)).andExpect(status().isOk());
        mvc.perform(get("/guide").header("Accept-Encoding", "gzip;q=0")).andExpect(header().doesNotExist("Content-Encoding"));
        // HEAD (curl -I) answers from the cache as well
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head("/guide").header("Accept-Encoding", "gzip"))
                .andExpect(status().isOk()).andExpect(header().string("Content-Encoding", "gzip"));
    }

    @Test
    void aPageFirstAskedForWithoutGzipIsCompressedAtTheFirstGzipHit() throws Exception {
        cache.evictAll();
        MvcResult plain = mvc.perform(get("/guide")).andExpect(status().isOk())
                .andExpect(header().doesNotExist("Content-Encoding")).andReturn();
        String html = plain.getResponse().getContentAsString();
        MvcResult hit = mvc.perform(get("/guide").header("Accept-Encoding", "gzip"))
                .andExpect(header().string("X-Page-Cache", "hit")).andExpect(header().string("Content-Encoding", "gzip")).andReturn();
        assertThat(gunzip(hit.getResponse().getContentAsByteArray())).isEqualTo(html);
        assertThat(hit.getResponse().getHeader("ETag")).isEqualTo(
                plain.getResponse().getHeader("ETag").replaceFirst("\"$", "-gz\""));
        mvc.perform(get("/guide")).andExpect(header().string("X-Page-Cache", "hit"))
                .andExpect(header().doesNotExist("Content-Encoding"));
    }

    @Test
    void pagesWithAFormTokenAreToldApartInTheirBytes() {
        assertThat(PublicPageCache.containsCsrfToken("<p>公开</p><input type=\"hidden\" name=\"_csrf\" value=\"x\">"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
        assertThat(PublicPageCache.containsCsrfToken("<p>公开 name=\"_csr</p>".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(PublicPageCache.containsCsrfToken(new byte[0])).isFalse();
    }

    @Test
    void aChangeCommittedElsewhereEmptiesTheCacheWithinASecond() throws Exception {
        cache.evictAll();
        mvc.perform(get("/guide")).andExpect(status().isOk());
        mvc.perform(get("/guide")).andExpect(header().string("X-Page-Cache", "hit"));
        // what another node does: its change, the version and the NOTIFY commit in one transaction of its own
        jdbc.queryForList("""
                with edited as (update guide_section set heading = heading || '（缓存测试）' where position = 40 returning id),
                     changed as (update public_change set version = version + 1 where id = 1 returning version)
                select pg_notify(?, version::text) from changed, edited""", org.gongkai.infrastructure.PublicChanges.CHANNEL);
        long start = System.nanoTime();
        String body = "";
        while (System.nanoTime() - start < 1_000_000_000L && !body.contains("（缓存测试）")) {
            Thread.sleep(20);
            body = mvc.perform(get("/guide")).andReturn().getResponse().getContentAsString();
        }
        assertThat(body).as("the page after another node's change").contains("（缓存测试）");
    }

    static String gunzip(byte[] bytes) throws java.io.IOException {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
