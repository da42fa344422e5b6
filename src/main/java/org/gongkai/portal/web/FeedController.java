package org.gongkai.portal.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import org.gongkai.content.CatalogueColumns;
import org.gongkai.content.CatalogueColumns.CatalogueColumn;
import org.gongkai.content.ContentManagement;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.publication.PublicViews.ItemFilter;
import org.gongkai.publication.PublicViews.ItemSummary;
import org.gongkai.publication.PublishedItems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Atom feeds of the whole site and of one catalogue column (with everything in its sub-columns), and the sitemap of every
 * public page a search engine should know; documents from published snapshots only.
 */
@Controller
class FeedController {

    static final int FEED_SIZE = 30;
    private static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    /** Public pages that are not documents or columns, listed in the sitemap after the home page. */
    static final List<String> FIXED_PAGES = List.of("/catalogue", "/guide", "/guide/matters", "/reports/annual", "/data",
            "/requests/new", "/consultations", "/questions");

    private final PublishedItems published;
    private final ContentManagement content;
    private final CatalogueColumns catalogue;
    private final org.gongkai.interaction.Questions questions;
    private final String baseUrl;
    private final String siteName;

    FeedController(PublishedItems published, ContentManagement content, CatalogueColumns catalogue,
                   org.gongkai.interaction.Questions questions, @Value("${gongkai.base-url}") String baseUrl,
                   @Value("${gongkai.site-name}") String siteName) {
        this.published = published;
        this.content = content;
        this.catalogue = catalogue;
        this.questions = questions;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.siteName = siteName;
    }

    @GetMapping("/feed.atom")
    ResponseEntity<String> site() throws FeedException {
        return atom(siteName + " 政府信息公开", baseUrl + "/", published.list(ItemFilter.none(), 1, FEED_SIZE).items(), "/feed.atom");
    }

    /** A column's feed holds what its page lists: its own items and those of every sub-column; an unknown column is 404. */
    @GetMapping("/catalogue/{code}/feed.atom")
    ResponseEntity<String> catalogue(@PathVariable String code) throws FeedException {
        CatalogueColumn node = catalogue.column(code).orElseThrow(NotFoundException::new);
        List<ItemSummary> items = published.list(ItemFilter.ofCatalogue(content.codesUnder(code)), 1, FEED_SIZE).items();
        return atom(siteName + " · " + node.name(), baseUrl + "/catalogue/" + code, items, "/catalogue/" + code + "/feed.atom");
    }

    @GetMapping(value = "/sitemap.xml", produces = "application/xml;charset=UTF-8")
    ResponseEntity<String> sitemap() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        xml.append("  <url><loc>").append(baseUrl).append("/</loc></url>\n");
        for (String page : FIXED_PAGES) {
            xml.append("  <url><loc>").append(baseUrl).append(page).append("</loc></url>\n");
        }
        for (CatalogueColumn node : catalogue.columns()) {
            xml.append("  <url><loc>").append(baseUrl).append("/catalogue/").append(escape(node.code())).append("</loc></url>\n");
        }
        for (var entry : published.sitemap()) {
            xml.append("  <url><loc>").append(baseUrl).append("/items/").append(escape(entry.documentId()))
                    .append("</loc><lastmod>").append(entry.lastModified().toString()).append("</lastmod></url>\n");
        }
        for (var question : questions.published(null, null, 5000)) {
            xml.append("  <url><loc>").append(baseUrl).append("/questions/").append(question.id())
                    .append("</loc><lastmod>").append(question.repliedAt().toString()).append("</lastmod></url>\n");
        }
        xml.append("</urlset>\n");
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/xml;charset=UTF-8")).body(xml.toString());
    }

    @GetMapping(value = "/robots.txt", produces = "text/plain;charset=UTF-8")
    ResponseEntity<String> robots() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/plain;charset=UTF-8"))
                .body("User-agent: *\nDisallow: /admin/\nDisallow: /login\nDisallow: /requests/track\nDisallow: /preferences/\n"
                        + "Disallow: /items/*/print\nSitemap: " + baseUrl + "/sitemap.xml\n");
    }

    private ResponseEntity<String> atom(String title, String link, List<ItemSummary> items, String self) throws FeedException {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setTitle(title);
        feed.setLink(link);
        feed.setUri(baseUrl + self);
        feed.setLanguage("zh-CN");
        // Atom's <updated>: the newest entry's time; an empty feed takes the last change of anything public (never 1970)
        Instant updated = items.stream().map(ItemSummary::lastMajorChangeAt).max(Instant::compareTo)
                .or(published::lastChange).orElse(Instant.EPOCH);
        feed.setPublishedDate(Date.from(updated));
        List<SyndEntry> entries = new ArrayList<>();
        for (ItemSummary item : items) {
            SyndEntry entry = new SyndEntryImpl();
            entry.setTitle(item.title());
            entry.setLink(baseUrl + "/items/" + item.documentId());
            entry.setUri(baseUrl + "/items/" + item.documentId());
            entry.setPublishedDate(Date.from(item.publishedAt()));
            entry.setUpdatedDate(Date.from(item.lastMajorChangeAt()));
            entry.setAuthor(item.issuingDepartmentName());
            SyndContent summary = new SyndContentImpl();
            summary.setType("text");
            summary.setValue((item.indexNumber() + " " + (item.summary() == null ? "" : item.summary())).strip());
            entry.setDescription(summary);
            entries.add(entry);
        }
        feed.setEntries(entries);
        return ResponseEntity.ok().contentType(ATOM).body(new SyndFeedOutput().outputString(feed));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
