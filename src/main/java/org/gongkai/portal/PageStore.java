package org.gongkai.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.gongkai.infrastructure.PublicChanges;
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
 * The page cache's second level for the long tail that no node's memory holds (crawlers walk every item and every page of
 * every column): a page rendered for a reader without 长者模式 or 字号 cookies is kept in PostgreSQL after the response is
 * sent, and every node then answers its address with one indexed read of its gzip bytes until what it shows changes.
 * <ul>
 *   <li>Item pages ({@link StoredItemPages}) stay valid until the document's page version changes: a publication elsewhere
 *   leaves them alone.</li>
 *   <li>Catalogue pages ({@link StoredListingPages}), a column with filters and a page number, list many documents and the
 *   filter choices of all: they stay valid until the next public change of any kind ({@link PublicChanges}).</li>
 * </ul>
 * The key of the build ({@link #templateKey()}: the build time, every template and message bundle, the site name and the
 * context path) keeps a new release from serving pages rendered by an older one.
 */
@Component
public class PageStore implements DisposableBean {

    /** Set by the item page's controller: the document's page version that the page was rendered from. */
    public static final String RENDERED_FROM_VERSION = PageStore.class.getName() + ".pageVersion";
    /** Set by the catalogue page's controller when the page is worth keeping (it lists items: not a filter matching none). */
    public static final String LISTING_WORTH_STORING = PageStore.class.getName() + ".listing";

    private static final Logger log = LoggerFactory.getLogger(PageStore.class);
    private static final Pattern ITEM_PAGE = Pattern.compile("^/items/([a-z0-9]{8,40})$");
    private static final Pattern LISTING_PAGE = Pattern.compile("^/catalogue/[a-z0-9-]+$");
    /** The parameters of a catalogue page; an address with any other (a tracking tag, a typo) is rendered, never stored. */
    private static final java.util.Set<String> LISTING_PARAMETERS = java.util.Set.of("page", "topic", "genre", "department",
            "year", "validity");
    private static final int MAX_LISTING_QUERY = 400;

    private final StoredItemPages pages;
    private final StoredListingPages listings;
    private final PublicChanges changes;
    private final boolean enabled;
    private final String templateKey;
    /**
     * Pages waiting to be stored, taken by one writer in batches of up to {@link #BATCH}; bounded, so that a crawl of pages
     * never stored cannot hold more than this many in memory (the rest are rendered again at their next request).
     */
    private final BlockingQueue<Pending> pending = new ArrayBlockingQueue<>(2000);
    private static final int BATCH = 100;
    private final Thread writer;

    /** A page to store: an item's ({@code listing} false, keyed by its document id) or a catalogue page's (by its address). */
    private record Pending(boolean listing, String key, long version, String contentType, String etag,
                           Map<String, String> headers, byte[] body, byte[] gzip) {
    }

    /** Reads that found a current page and that did not; pages stored, and pages dropped because the queue was full. */
    private final java.util.concurrent.atomic.LongAdder found = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder missing = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder stored = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder dropped = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder listingsFound = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder listingsMissing = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder listingsStored = new java.util.concurrent.atomic.LongAdder();

    PageStore(StoredItemPages pages, StoredListingPages listings, PublicChanges changes, SiteName site,
              ObjectProvider<BuildProperties> build, @Value("${gongkai.item-pages.stored:true}") boolean enabled,
              @Value("${server.servlet.context-path:}") String contextPath,
              ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) throws IOException {
        this.pages = pages;
        this.listings = listings;
        this.changes = changes;
        meters.ifAvailable(registry -> {
            count(registry, "gongkai.item.pages.reads", "result", "found", found);
            count(registry, "gongkai.item.pages.reads", "result", "missing", missing);
            count(registry, "gongkai.item.pages.writes", "outcome", "stored", stored);
            count(registry, "gongkai.item.pages.writes", "outcome", "dropped", dropped);
            count(registry, "gongkai.listing.pages.reads", "result", "found", listingsFound);
            count(registry, "gongkai.listing.pages.reads", "result", "missing", listingsMissing);
            count(registry, "gongkai.listing.pages.writes", "outcome", "stored", listingsStored);
        });
        this.enabled = enabled;
        this.templateKey = templateKey(site.name(), contextPath, build.getIfAvailable());
        this.writer = new Thread(this::writeBatches, "page-store");
        this.writer.setDaemon(true);
        if (enabled) {
            this.writer.start();
        }
    }

    String templateKey() {
        return templateKey;
    }

    /**
     * The document id when the request is for an item page that may be stored and read: the plain address (a query, even
     * one the page ignores, goes through the filters that check it), no reader cookies.
     */
    String storableItem(HttpServletRequest request, ReaderPreferences preferences) {
        if (!enabled || request.getQueryString() != null || !request.getParameterMap().isEmpty()
                || !preferences.equals(ReaderPreferences.DEFAULT)) {
            return null;
        }
        Matcher item = ITEM_PAGE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        return item.matches() ? item.group(1) : null;
    }

    /**
     * The address when the request is for a catalogue page that may be stored and read: only the catalogue's own
     * parameters, each once, no reader cookies.
     */
    String storableListing(HttpServletRequest request, ReaderPreferences preferences) {
        String query = request.getQueryString();
        if (!enabled || !preferences.equals(ReaderPreferences.DEFAULT) || (query != null && query.length() > MAX_LISTING_QUERY)) {
            return null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // the address is the key: parameters that did not come from it (a form body) would make another page under it
        if (!LISTING_PAGE.matcher(path).matches() || (query == null && !request.getParameterMap().isEmpty())) {
            return null;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (!LISTING_PARAMETERS.contains(parameter.getKey()) || parameter.getValue().length != 1) {
                return null;
            }
        }
        return query == null ? path : path + '?' + query;
    }

    /** The public version this node has seen: read before a catalogue page is looked up or rendered, and kept with it. */
    long publicVersion() {
        return changes.seenVersion();
    }

    /** The stored catalogue page of the address, rendered after the given version was seen (from the replica if any). */
    Optional<StoredPage> findListing(String address, long publicVersion) {
        Optional<StoredPage> page = PublicReadScope.run(() -> listings.find(address, publicVersion, templateKey));
        (page.isPresent() ? listingsFound : listingsMissing).increment();
        return page;
    }

    /** The stored page of the item, read as a public page reads (from the replica when there is one). */
    Optional<StoredPage> find(String documentId) {
        Optional<StoredPage> page = PublicReadScope.run(() -> pages.find(documentId, templateKey));
        (page.isPresent() ? found : missing).increment();
        return page;
    }

    static void count(io.micrometer.core.instrument.MeterRegistry registry, String name, String tag, String value,
                              java.util.concurrent.atomic.LongAdder adder) {
        io.micrometer.core.instrument.FunctionCounter.builder(name, adder, java.util.concurrent.atomic.LongAdder::doubleValue)
                .tag(tag, value).description("stored item and catalogue pages (PageStore, ItemPagesAhead)").register(registry);
    }

    /**
     * Stores the page after the response has gone, compressed there if the reader did not take gzip, on the primary; nothing
     * is stored when the queue is full.
     */
    void storeLater(String documentId, long pageVersion, String contentType, String etag, Map<String, String> headers,
                    byte[] body, byte[] gzip) {
        offer(new Pending(false, documentId, pageVersion, contentType, etag, headers, body, gzip));
    }

    /** As {@link #storeLater} for a catalogue page, rendered after {@code publicVersion} was seen. */
    void storeListingLater(String address, long publicVersion, String contentType, String etag, Map<String, String> headers,
                           byte[] body, byte[] gzip) {
        offer(new Pending(true, address, publicVersion, contentType, etag, headers, body, gzip));
    }

    private void offer(Pending page) {
        if (!pending.offer(page)) {
            dropped.increment();
        }
    }

    private void writeBatches() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(pending.take());
            } catch (InterruptedException e) {
                return;
            }
            pending.drainTo(batch, BATCH - 1);
            // one copy a key (the newest version), in the order of their keys: two nodes' batches lock rows alike
            Map<String, StoredItemPages.Rendered> items = new TreeMap<>();
            Map<String, StoredListingPages.Rendered> listingPages = new TreeMap<>();
            for (Pending p : batch) {
                byte[] gzip = p.gzip() != null ? p.gzip() : PublicPageCache.compress(p.body());
                if (gzip == null) {
                    continue;
                }
                StoredPage page = new StoredPage(p.contentType(), p.etag(), p.headers(), gzip);
                if (p.listing()) {
                    listingPages.merge(p.key(), new StoredListingPages.Rendered(p.key(), p.version(), templateKey, page),
                            (a, b) -> a.publicVersion() >= b.publicVersion() ? a : b);
                } else {
                    items.merge(p.key(), new StoredItemPages.Rendered(p.key(), p.version(), templateKey, page),
                            (a, b) -> a.pageVersion() >= b.pageVersion() ? a : b);
                }
            }
            batch.clear();
            write("item", items.size(), stored, () -> pages.store(List.copyOf(items.values())));
            write("catalogue", listingPages.size(), listingsStored, () -> listings.store(List.copyOf(listingPages.values())));
        }
    }

    private static void write(String kind, int count, java.util.concurrent.atomic.LongAdder written, Runnable store) {
        if (count == 0) {
            return;
        }
        try {
            store.run();
            written.add(count);
        } catch (RuntimeException e) {
            // a document may have gone (a test emptied the database): those pages are rendered again when asked for
            log.debug("{} {} pages not stored: {}", count, kind, e.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        writer.interrupt();
        writer.join(5000);
    }

    private static String templateKey(String siteName, String contextPath, BuildProperties build) throws IOException {
        MessageDigest digest = sha256();
        digest.update((siteName + '\u0001' + contextPath + '\u0001' + (build == null ? "" : build.getTime()))
                .getBytes(StandardCharsets.UTF_8));
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html");
        Resource[] messages = new PathMatchingResourcePatternResolver().getResources("classpath*:messages*.properties");
        Resource[] all = Arrays.copyOf(resources, resources.length + messages.length);
        System.arraycopy(messages, 0, all, resources.length, messages.length);
        Arrays.sort(all, Comparator.comparing(PageStore::name));
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
