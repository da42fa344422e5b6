package org.gongkai.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.gongkai.infrastructure.PublicReadScope;
import org.gongkai.infrastructure.SiteName;
import org.gongkai.publication.StoredItemPages;
import org.gongkai.publication.StoredItemPages.StoredPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The page cache's second level for item pages, the long tail that no node's memory holds (crawlers walk every item):
 * an item page rendered for a reader without 长者模式 or 字号 cookies is kept in PostgreSQL ({@link StoredItemPages}), after
 * the response is sent, and every node then answers that item with one indexed read of its gzip bytes until anything the
 * page shows changes. The key of the build ({@link #templateKey()}: the build time, every template and message bundle, the
 * site name and the context path) keeps a new release from serving pages rendered by an older one.
 */
@Component
public class ItemPageStore implements DisposableBean {

    /** Set by the item page's controller: the document's page version that the page was rendered from. */
    public static final String RENDERED_FROM_VERSION = ItemPageStore.class.getName() + ".pageVersion";

    private static final Logger log = LoggerFactory.getLogger(ItemPageStore.class);
    private static final Pattern ITEM_PAGE = Pattern.compile("^/items/([a-z0-9]{8,40})$");

    private final StoredItemPages pages;
    private final boolean enabled;
    private final String templateKey;
    /** One writer, a bounded queue: a crawl of pages never stored cannot queue more than it; the rest are stored later. */
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(500),
            runnable -> {
                Thread thread = new Thread(runnable, "item-page-store");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    ItemPageStore(StoredItemPages pages, SiteName site, ObjectProvider<BuildProperties> build,
                  @Value("${gongkai.item-pages.stored:true}") boolean enabled,
                  @Value("${server.servlet.context-path:}") String contextPath) throws IOException {
        this.pages = pages;
        this.enabled = enabled;
        this.templateKey = templateKey(site.name(), contextPath, build.getIfAvailable());
    }

    String templateKey() {
        return templateKey;
    }

    /**
     * The document id when the request is for an item page that may be stored and read: the plain address (a query, even
     * one the page ignores, goes through the filters that check it), no reader cookies.
     */
    String storableItem(HttpServletRequest request, ReaderPreferences preferences) {
        if (!enabled || request.getQueryString() != null || !preferences.equals(ReaderPreferences.DEFAULT)) {
            return null;
        }
        Matcher item = ITEM_PAGE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        return item.matches() ? item.group(1) : null;
    }

    /** The stored page of the item, read as a public page reads (from the replica when there is one). */
    Optional<StoredPage> find(String documentId) {
        return PublicReadScope.run(() -> pages.find(documentId, templateKey));
    }

    /**
     * Stores the page after the response has gone, compressed there if the reader did not take gzip, on the primary; nothing
     * is stored when the queue is full (the next reader of the item renders it again).
     */
    void storeLater(String documentId, long pageVersion, String contentType, String etag, Map<String, String> headers,
                    byte[] body, byte[] gzip) {
        writer.execute(() -> {
            byte[] compressed = gzip != null ? gzip : PublicPageCache.compress(body);
            if (compressed == null) {
                return;
            }
            try {
                pages.store(documentId, pageVersion, templateKey, new StoredPage(contentType, etag, headers, compressed));
            } catch (RuntimeException e) {
                // the document may have gone (a test emptied the database): the next request renders the page again
                log.debug("item page {} not stored: {}", documentId, e.toString());
            }
        });
    }

    @Override
    public void destroy() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static String templateKey(String siteName, String contextPath, BuildProperties build) throws IOException {
        MessageDigest digest = sha256();
        digest.update((siteName + '\u0001' + contextPath + '\u0001' + (build == null ? "" : build.getTime()))
                .getBytes(StandardCharsets.UTF_8));
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html");
        Resource[] messages = new PathMatchingResourcePatternResolver().getResources("classpath*:messages*.properties");
        Resource[] all = Arrays.copyOf(resources, resources.length + messages.length);
        System.arraycopy(messages, 0, all, resources.length, messages.length);
        Arrays.sort(all, Comparator.comparing(ItemPageStore::name));
        for (Resource resource : all) {
            digest.update(name(resource).getBytes(StandardCharsets.UTF_8));
            try (var in = resource.getInputStream()) {
                digest.update(in.readAllBytes());
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 12);
    }

    private static String name(Resource resource) {
        try {
            String url = resource.getURL().toString();
            int at = url.lastIndexOf("templates/");
            return at >= 0 ? url.substring(at) : resource.getFilename();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
