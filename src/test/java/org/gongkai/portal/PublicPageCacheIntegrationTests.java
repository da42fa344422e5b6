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
}
