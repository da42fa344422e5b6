package org.gongkai.inspection.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gongkai.content.ColumnCadence;
import org.gongkai.publication.PublishedInventory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The link crawl of the self-check (链接可用性). Published pages are read from the publication snapshots in the database, so
 * every node can crawl; the portal's own list pages are fetched from this node over HTTP. Internal links to documents are
 * resolved against the public status when the results are read (an unpublished target shows at once as 410); other internal
 * links are fetched from this node; external links are fetched politely: one request at a time with a pause between them,
 * robots.txt respected, no cookies, no referrer, nothing about the reader sent.
 */
@Component
public class LinkCrawler {

    private static final Logger log = LoggerFactory.getLogger(LinkCrawler.class);
    /** Internal document links: /items/{id} and what hangs below it. */
    public static final Pattern ITEM = Pattern.compile("^/items/([a-z0-9]{8,16})(?:[/.?#].*)?$");
    private static final String USER_AGENT = "GongkaiLinkCheck/1.0 (government website self-check)";
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_INTERNAL_FETCHES = 500;
    private static final int MAX_EXTERNAL_FETCHES = 2000;

    /** A link found on a page. {@code url} is a path (with query) for internal links, the absolute URL for external ones. */
    record Link(String url, boolean external, String source) {
    }

    /** What a target answered. */
    record Answer(Integer status, String redirectTo, String error) {
    }

    private final PublishedInventory inventory;
    private final ColumnCadence cadence;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Environment environment;
    private final URI site;
    private final long pauseMillis;
    private final HttpClient http;

    LinkCrawler(PublishedInventory inventory, ColumnCadence cadence, JdbcTemplate jdbc,
                org.springframework.transaction.PlatformTransactionManager transactions, Clock clock,
                Environment environment, @Value("${gongkai.base-url:http://localhost:8080}") String baseUrl,
                @Value("${gongkai.inspection.crawl-pause-ms:1000}") long pauseMillis) {
        this.inventory = inventory;
        this.cadence = cadence;
        this.jdbc = jdbc;
        // its own transaction: the crawl also runs after another transaction's commit (PublishedLinks)
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.environment = environment;
        this.site = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.pauseMillis = pauseMillis;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Figures of one crawl. */
    public record Result(int pages, int links, int dead, Integer homeStatus) {
    }

    /** Crawls the whole site: portal pages, every published page, then every target found. */
    public Result crawl() {
        Instant started = Instant.now(clock);
        Long crawlId = jdbc.queryForObject("insert into link_crawl (started_at) values (?) returning id", Long.class, Timestamp.from(started));
        String local = localBase();
        int pages = 0;
        Integer home = null;
        // the portal's own list pages, from this node
        List<String> portal = new ArrayList<>(List.of("/", "/catalogue", "/guide", "/guide/matters", "/data", "/reports/annual"));
        cadence.columns().stream().filter(c -> !c.retired()).forEach(c -> portal.add("/catalogue/" + c.code()));
        for (String path : portal) {
            FetchedPage page = fetchPage(local + path);
            if (path.equals("/")) {
                home = page.answer().status();
            }
            store(path, path, false, page.answer());
            List<Link> links = new ArrayList<>();
            links.add(new Link(path, false, "PAGE"));
            if (page.html() != null) {
                links.addAll(extract(page.html(), path));
            }
            replace(path, null, null, links);
            pages++;
        }
        // every published page, from the database
        String after = null;
        while (true) {
            List<PublishedInventory.Source> batch = inventory.sources(after, 200);
            if (batch.isEmpty()) {
                break;
            }
            for (PublishedInventory.Source source : batch) {
                index(source);
                pages++;
            }
            after = batch.get(batch.size() - 1).documentId();
        }
        // then the targets: internal ones (not documents) from this node, external ones politely
        int internalFetches = 0;
        int externalFetches = 0;
        Map<String, Answer> robotsBlocked = new HashMap<>();
        Robots robots = new Robots();
        for (Map<String, Object> row : jdbc.queryForList("""
                select t.url, t.external from link_target t where exists (select 1 from link_occurrence o where o.url = t.url)
                order by t.external, t.url""")) {
            String url = (String) row.get("url");
            boolean external = (Boolean) row.get("external");
            if (!external) {
                if (ITEM.matcher(url).matches() || internalFetches >= MAX_INTERNAL_FETCHES || portal.contains(url)) {
                    continue;
                }
                internalFetches++;
                store(url, url, false, fetch(local + url));
            } else if (externalFetches < MAX_EXTERNAL_FETCHES) {
                URI uri;
                try {
                    uri = URI.create(url);
                } catch (IllegalArgumentException e) {
                    store(url, url, true, new Answer(null, null, "地址格式错误"));
                    continue;
                }
                if (!robots.allows(uri)) {
                    store(url, url, true, new Answer(null, null, "robots.txt 不允许检查"));
                    continue;
                }
                pause();
                externalFetches++;
                store(url, url, true, fetch(url));
            }
        }
        jdbc.update("delete from link_target t where not exists (select 1 from link_occurrence o where o.url = t.url)");
        Integer links = jdbc.queryForObject("select count(*) from link_occurrence", Integer.class);
        Integer dead = jdbc.queryForObject("""
                select count(*) from link_occurrence o join link_target t on t.url = o.url where t.status >= 400""", Integer.class);
        jdbc.update("update link_crawl set finished_at = ?, pages = ?, links = ?, dead = ?, home_status = ? where id = ?",
                Timestamp.from(Instant.now(clock)), pages, links, dead, home, crawlId);
        log.info("link crawl: {} pages, {} links, {} answering an error", pages, links, dead);
        return new Result(pages, links == null ? 0 : links, dead == null ? 0 : dead, home);
    }

    /** Records the links of one published page (its body and its attachments); targets not seen before wait for the crawl. */
    public void index(PublishedInventory.Source source) {
        String path = "/items/" + source.documentId();
        List<Link> links = new ArrayList<>(extract(source.bodyHtml(), path));
        for (int i = 1; i <= source.attachmentNames().size(); i++) {
            links.add(new Link(path + "/attachments/" + i, false, "ATTACHMENT"));
            // a link written into an attachment's name (e.g. "见 https://…") is followed too
            Matcher m = Pattern.compile("https?://[^\\s\"'<>，。）)]+").matcher(source.attachmentNames().get(i - 1));
            while (m.find()) {
                classify(m.group(), path).ifPresent(l -> links.add(new Link(l.url(), l.external(), "ATTACHMENT")));
            }
        }
        replace(path, source.documentId(), source.departmentId(), links);
    }

    /** Forgets the links of a page that is no longer public. */
    public void forget(String documentId) {
        jdbc.update("delete from link_occurrence where document_id = ?", documentId);
    }

    List<Link> extract(String html, String pagePath) {
        if (html == null || html.isBlank()) {
            return List.of();
        }
        Document doc = Jsoup.parseBodyFragment(html);
        Map<String, Link> links = new LinkedHashMap<>();
        for (Element a : doc.select("a[href], img[src], iframe[src]")) {
            String href = a.hasAttr("href") ? a.attr("href") : a.attr("src");
            classify(href, pagePath).ifPresent(l -> links.putIfAbsent(l.url(), new Link(l.url(), l.external(), "BODY")));
        }
        return new ArrayList<>(links.values());
    }

    /** An internal path (with query, without fragment) or an external absolute URL; nothing for anchors, mail and scripts. */
    Optional<Link> classify(String href, String pagePath) {
        String h = href == null ? "" : href.strip();
        String lower = h.toLowerCase(java.util.Locale.ROOT);
        if (h.isEmpty() || h.startsWith("#") || lower.startsWith("mailto:") || lower.startsWith("tel:")
                || lower.startsWith("javascript:") || lower.startsWith("data:") || h.length() > 1900) {
            return Optional.empty();
        }
        URI resolved;
        try {
            resolved = site.resolve(pagePath).resolve(h.replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
            return Optional.of(new Link(h, true, "BODY"));
        }
        String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        boolean internal = site.getHost() != null && site.getHost().equalsIgnoreCase(resolved.getHost()) && site.getPort() == resolved.getPort();
        if (internal) {
            String path = resolved.getRawPath() == null || resolved.getRawPath().isEmpty() ? "/" : resolved.getRawPath();
            if (path.startsWith("/admin") || path.startsWith("/login")) {
                return Optional.empty();
            }
            return Optional.of(new Link(resolved.getRawQuery() == null ? path : path + "?" + resolved.getRawQuery(), false, "BODY"));
        }
        String external = resolved.toString();
        int hash = external.indexOf('#');
        return Optional.of(new Link(hash >= 0 ? external.substring(0, hash) : external, true, "BODY"));
    }

    private void replace(String pagePath, String documentId, Long departmentId, List<Link> links) {
        tx.executeWithoutResult(status -> {
            jdbc.update("delete from link_occurrence where page_path = ?", pagePath);
            Set<String> seen = new LinkedHashSet<>();
            for (Link link : links) {
                if (!seen.add(link.url())) {
                    continue;
                }
                jdbc.update("insert into link_target (url, external) values (?, ?) on conflict (url) do nothing", link.url(), link.external());
                jdbc.update("insert into link_occurrence (page_path, document_id, department_id, url, source) values (?, ?, ?, ?, ?)",
                        pagePath, documentId, departmentId, link.url(), link.source());
            }
        });
    }

    private void store(String url, String key, boolean external, Answer answer) {
        jdbc.update("""
                insert into link_target (url, external, status, redirect_to, error, checked_at) values (?, ?, ?, ?, ?, ?)
                on conflict (url) do update set status = excluded.status, redirect_to = excluded.redirect_to, error = excluded.error,
                    checked_at = excluded.checked_at""", key, external, answer.status(), cut(answer.redirectTo(), 2000),
                cut(answer.error(), 200), Timestamp.from(Instant.now(clock)));
    }

    private record FetchedPage(Answer answer, String html) {
    }

    private FetchedPage fetchPage(String url) {
        try {
            HttpResponse<String> response = http.send(request(URI.create(url)), HttpResponse.BodyHandlers.ofString());
            return new FetchedPage(new Answer(response.statusCode(), null, null), response.statusCode() == 200 ? response.body() : null);
        } catch (IOException e) {
            return new FetchedPage(new Answer(null, null, "无法连接"), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FetchedPage(new Answer(null, null, "已中断"), null);
        }
    }

    /** Fetches a URL, following up to five redirects by hand so that the last address is recorded. */
    Answer fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Answer(null, null, "地址格式错误");
        }
        String redirect = null;
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                HttpResponse<Void> response = http.send(request(uri), HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                Optional<String> location = response.headers().firstValue("Location");
                if (status >= 300 && status < 400 && location.isPresent()) {
                    uri = uri.resolve(location.get());
                    redirect = uri.toString();
                    continue;
                }
                return new Answer(status, redirect, null);
            }
            return new Answer(null, redirect, "重定向次数过多");
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(null, redirect, "无法连接");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, redirect, "已中断");
        }
    }

    private static HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).header("User-Agent", USER_AGENT)
                .header("Accept", "text/html,*/*;q=0.8").GET().build();
    }

    private String localBase() {
        String port = environment.getProperty("local.server.port");
        return port == null ? site.toString().replaceAll("/$", "") : "http://127.0.0.1:" + port;
    }

    private void pause() {
        if (pauseMillis <= 0) {
            return;
        }
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** robots.txt of each external host, read once per crawl: the Disallow lines of the group for all agents. */
    private final class Robots {
        private final Map<String, List<String>> disallowed = new HashMap<>();

        boolean allows(URI uri) {
            String origin = uri.getScheme() + "://" + uri.getRawAuthority();
            List<String> rules = disallowed.computeIfAbsent(origin, this::read);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return rules.stream().noneMatch(path::startsWith);
        }

        private List<String> read(String origin) {
            try {
                pause();
                HttpResponse<String> r = http.send(request(URI.create(origin + "/robots.txt")), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    return List.of();
                }
                List<String> rules = new ArrayList<>();
                boolean forAll = false;
                for (String line : r.body().split("\\R")) {
                    String l = line.replaceAll("#.*", "").strip();
                    int colon = l.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String field = l.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
                    String value = l.substring(colon + 1).strip();
                    if (field.equals("user-agent")) {
                        forAll = value.equals("*") || value.toLowerCase(java.util.Locale.ROOT).startsWith("gongkailinkcheck");
                    } else if (field.equals("disallow") && forAll && !value.isEmpty()) {
                        rules.add(value);
                    }
                }
                return rules;
            } catch (IOException | IllegalArgumentException e) {
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }
}
