package org.gongkai.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;

/** A parent column's feed holds its sub-columns' items under the column's Chinese name; the sitemap lists every kind of public page. */
class FeedsAndSitemapTests extends AbstractIntegrationTest {

    @org.springframework.beans.factory.annotation.Value("${gongkai.base-url}")
    String base;

    @org.springframework.beans.factory.annotation.Value("${gongkai.site-name}")
    String siteName;

    @Test
    void aParentColumnsFeedHoldsItsSubColumnsItemsNewestFirstUnderItsName() throws Exception {
        String xml = mvc.perform(get("/catalogue/ggws/feed.atom")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));

        // what the column page lists: ggws itself and every column under it, newest first
        List<String> expected = jdbc.queryForList("""
                with recursive under(id, code) as (
                    select id, code from catalogue_node where code = 'ggws'
                    union all select n.id, n.code from catalogue_node n join under u on n.parent_id = u.id)
                select d.document_id from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                where d.status in ('LIVE', 'WITHDRAWN') and s.catalogue_code in (select code from under)
                order by d.last_major_change_at desc, d.document_id limit 30""", String.class);
        assertThat(expected).hasSizeGreaterThan(5);
        assertThat(feed.getEntries()).extracting(e -> e.getLink().substring(e.getLink().lastIndexOf('/') + 1))
                .containsExactlyElementsOf(expected);
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).anyMatch(t -> t.contains("法定传染病疫情概况"));

        assertThat(feed.getTitle()).isEqualTo(siteName + " · 公共卫生").doesNotContain("ggws");

        // <updated> of the feed is the newest entry's time, never 1970
        Instant newest = feed.getEntries().stream().map(e -> e.getUpdatedDate().toInstant()).max(Instant::compareTo).orElseThrow();
        assertThat(feed.getPublishedDate().toInstant()).isEqualTo(newest);
        String head = xml.substring(0, xml.indexOf("<entry>"));
        assertThat(head).contains("<updated>").doesNotContain("1970-01-01");
    }

    @Test
    void anUnknownColumnsFeedIsNotFound() throws Exception {
        mvc.perform(get("/catalogue/no-such-column/feed.atom")).andExpect(status().isNotFound());
        mvc.perform(get("/catalogue/ggws-crb/feed.atom")).andExpect(status().isOk());
    }

    @Test
    void theSitemapListsColumnsGuidePagesReportsAndDataBesidesItems() throws Exception {
        String xml = mvc.perform(get("/sitemap.xml")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<?xml").contains("<loc>" + base + "/</loc>", "<loc>" + base + "/catalogue</loc>",
                "<loc>" + base + "/guide</loc>", "<loc>" + base + "/guide/matters</loc>", "<loc>" + base + "/reports/annual</loc>",
                "<loc>" + base + "/data</loc>", "<loc>" + base + "/requests/new</loc>");
        for (String code : jdbc.queryForList("select code from catalogue_node where not retired", String.class)) {
            assertThat(xml).contains("<loc>" + base + "/catalogue/" + code + "</loc>");
        }
        String item = jdbc.queryForObject("select document_id from public_document where status = 'LIVE' limit 1", String.class);
        assertThat(xml).contains("<loc>" + base + "/items/" + item + "</loc>");
        String robots = mvc.perform(get("/robots.txt")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(robots).contains("Disallow: /items/*/print", "Disallow: /preferences/", "Sitemap: " + base + "/sitemap.xml");
        // the sitemap is well-formed XML
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
