package org.gongkai.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gongkai.infrastructure.PublicChangeObserved;
import org.gongkai.publication.StoredItemPages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Rendered bytes of anonymous public pages, kept in memory with an ETag until anything public changes (one copy per address,
 * parameters and {@link ReaderPreferences}, the 长者模式 and 字号 cookies that change the HTML): a publication,
 * withdrawal or unpublishing (after its transaction commits) or a guide edit empties the cache, so it cannot go stale.
 * Changes committed by another node arrive as {@link PublicChangeObserved} (PostgreSQL NOTIFY, or the version row read
 * every second), so every node forgets its pages within a second. A page rendered while a change was committing is not
 * stored (a generation count), so a slow render cannot put an old page back after the eviction.
 * <p>
 * Each page is also kept gzip-compressed, compressed once when it is stored: clients that accept gzip get those bytes with
 * {@code Content-Encoding: gzip} (Tomcat compresses nothing that carries a strong ETag), others the plain bytes; both carry
 * {@code Vary: Accept-Encoding} and an ETag of their own, and answer 304 to a matching {@code If-None-Match}.
 * <p>
 * Item and catalogue pages have a second level shared by every node, {@link PageStore}: on a miss, the page is read from
 * PostgreSQL as gzip bytes when a current copy is stored there, and stored after the response when it is not.
 * <p>
 * A hit runs no controller, no template, no query and no security filter, and creates no session: the cache sits in front
 * of Spring Security and replays the security headers (CSP, frame and content-type options, referrer policy) that the
 * chain wrote on the miss. Only requests without a session cookie take part; responses that set a cookie or hold a CSRF
 * token are never stored. Hits and misses are counted ({@code cache_gets_total{cache="public_pages"}} and
 * {@code gongkai_page_cache_hit_ratio} on /actuator/prometheus).
 */
@Component
// first of all filters: a hit skips the session repository, request-id, observation (metrics) and Spring Security filters;
// it reads the session cookie itself and never touches a session. (The readiness gate shares this order; which of the two runs
// first does not matter: until the node is ready the gate answers 503, which is never stored, so the cache is empty.)
@Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class PublicPageCache extends OncePerRequestFilter {

    private static final Pattern CACHEABLE = Pattern.compile(
            "^/($|items/[a-z0-9]{8,40}$|catalogue(/[a-z0-9-]+)?$|catalogue/[a-z0-9-]+/feed\\.atom$|search$|guide$|guide/matters$|feed\\.atom$"
                    + "|sitemap\\.xml$|robots\\.txt$|data$|data\\.json$|reports/annual$)");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private record Page(byte[] body, byte[] gzip, String contentType, String etag, String lastModified,
                        java.util.Map<String, String> headers) {

        String gzipEtag() {
            return etag.substring(0, etag.length() - 1) + "-gz\"";
        }
    }

    /** Below this size gzip saves too little to be worth a header (Tomcat's own threshold is 2 KB). */
    private static final int GZIP_MIN_BYTES = 512;

    /** The headers Spring Security writes on every page, replayed on hits. */
    private static final java.util.List<String> REPLAYED = java.util.List.of("Content-Security-Policy", "X-Frame-Options",
            "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "X-XSS-Protection", "Strict-Transport-Security",
            "Cross-Origin-Opener-Policy", "Content-Language");

    private final Cache<String, Page> pages;
    private final boolean enabled;
    /** Raised by every eviction; a page whose rendering began before the last eviction is not stored. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    private final PageStore pageStore;
    private final ItemPagesAhead ahead;

    PublicPageCache(PageStore pageStore, ItemPagesAhead ahead, @Value("${gongkai.page-cache.enabled:true}") boolean enabled,
                    @Value("${gongkai.page-cache.max-megabytes:64}") long maxMegabytes,
                    org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        this.pageStore = pageStore;
        this.ahead = ahead;
        this.enabled = enabled;
        // bounded by bytes, so that many distinct searches cannot push the heap past its limit
        this.pages = Caffeine.newBuilder().maximumWeight(maxMegabytes * 1024 * 1024)
                .weigher((String key, Page page) -> page.body().length + (page.gzip() == null ? 0 : page.gzip().length)
                        + key.length() * 2 + 200)
                .expireAfterWrite(Duration.ofHours(6)).recordStats().build();
        meters.ifAvailable(registry -> {
            io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics.monitor(registry, pages, "public_pages");
            io.micrometer.core.instrument.Gauge.builder("gongkai.page.cache.hit.ratio", pages, c -> c.stats().hitRate())
                    .description("share of cacheable public page requests answered from the page cache since start")
                    .register(registry);
        });
    }

    /** Everything public may have changed: forget every page. */
    public void evictAll() {
        generation.incrementAndGet();
        pages.invalidateAll();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!enabled || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                || request.getHeader("Authorization") != null) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !CACHEABLE.matcher(path).find() || hasSessionCookie(request) || signedIn();
    }

    /** Staff see the same pages, but their responses never enter or leave the cache. */
    private static boolean signedIn() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated()
                && !(auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ReaderPreferences preferences = ReaderPreferences.of(request);
        String key = key(request, preferences);
        boolean gzip = acceptsGzip(request);
        boolean head = "HEAD".equals(request.getMethod());
        // this node rendering a page ahead of its readers: rendered and stored, never answered from or kept in memory
        boolean renderingAhead = ahead.isAhead(request);
        Page page = renderingAhead ? null : pages.getIfPresent(key);
        // asked only on a miss: a hit, the busiest path of all, needs nothing of the store
        String storableItem = page == null ? pageStore.storableItem(request, preferences) : null;
        String storableListing = page == null && storableItem == null ? pageStore.storableListing(request, preferences) : null;
        // read before the public version: a change is seen (the version) before the memory cache is emptied (the generation)
        long readIn = generation.get();
        // the public version seen before anything of a catalogue page is read: what the page is stored and looked up with
        long publicVersion = storableListing == null ? Long.MIN_VALUE : pageStore.publicVersion();
        if (publicVersion == Long.MIN_VALUE) {
            storableListing = null; // this node has not read the version yet (it is starting)
        }
        String source = "hit";
        if (page == null && storableItem != null && !renderingAhead) {
            page = fromStore(key, readIn, () -> pageStore.find(storableItem));
            source = "stored";
        } else if (page == null && storableListing != null) {
            String address = storableListing;
            page = fromStore(key, readIn, () -> pageStore.findListing(address, publicVersion));
            source = "stored";
        }
        if (page != null && gzip && page.gzip() == null && page.body().length >= GZIP_MIN_BYTES) {
            page = compressed(key, page);
        }
        if (page != null) {
            page.headers().forEach(response::setHeader);
            boolean compressed = gzip && page.gzip() != null;
            String etag = compressed ? page.gzipEtag() : page.etag();
            response.setHeader("ETag", etag);
            response.setHeader("Last-Modified", page.lastModified());
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("Vary", "Accept-Encoding");
            response.setHeader("X-Page-Cache", source);
            String ifNoneMatch = request.getHeader("If-None-Match");
            if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
            byte[] bytes = compressed ? page.gzip() : page.body();
            response.setContentType(page.contentType());
            if (compressed) {
                response.setHeader("Content-Encoding", "gzip");
            }
            response.setContentLength(bytes.length);
            if (!head) {
                response.getOutputStream().write(bytes);
            }
            return;
        }
        if (head) {
            chain.doFilter(request, response);
            return;
        }
        long renderedIn = generation.get();
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, wrapper);
        byte[] body = wrapper.getContentAsByteArray();
        String type = wrapper.getContentType();
        if (wrapper.getStatus() == 200 && type != null && !wrapper.containsHeader("Set-Cookie") && !containsCsrfToken(body)
                && request.getSession(false) == null && wrapper.getHeader("Content-Encoding") == null) {
            java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (String name : REPLAYED) {
                String value = wrapper.getHeader(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
            // compressed now only for a client that takes gzip; otherwise at the first such client's hit (a crawler or
            // benchmark without gzip walking the long tail pays for no compression it does not receive)
            Page stored = new Page(body, gzip ? compress(body) : null, type, "\"" + hash(body) + "\"",
                    HTTP_DATE.format(Instant.now()), java.util.Map.copyOf(headers));
            if (!renderingAhead) {
                remember(key, stored, renderedIn);
            }
            if (storableItem != null && request.getAttribute(PageStore.RENDERED_FROM_VERSION) instanceof Long version) {
                // the plain bytes only when the writer has to compress them
                pageStore.storeLater(storableItem, version, stored.contentType(), stored.etag(), stored.headers(),
                        stored.gzip() == null ? body : null, stored.gzip());
            } else if (storableListing != null && Boolean.TRUE.equals(request.getAttribute(PageStore.LISTING_WORTH_STORING))) {
                pageStore.storeListingLater(storableListing, publicVersion, stored.contentType(), stored.etag(), stored.headers(),
                        stored.gzip() == null ? body : null, stored.gzip());
            }
            wrapper.setHeader("Last-Modified", stored.lastModified());
            wrapper.setHeader("Cache-Control", "no-cache");
            wrapper.setHeader("Vary", "Accept-Encoding");
            if (gzip && stored.gzip() != null) {
                wrapper.setHeader("ETag", stored.gzipEtag());
                wrapper.setHeader("Content-Encoding", "gzip");
                response.setContentLength(stored.gzip().length);
                response.getOutputStream().write(stored.gzip());
                return;
            }
            wrapper.setHeader("ETag", stored.etag());
        }
        wrapper.copyBodyToResponse();
    }

    /** Whether the client takes gzip ({@code Accept-Encoding: gzip}, not with q=0). */
    static boolean acceptsGzip(HttpServletRequest request) {
        String accept = request.getHeader("Accept-Encoding");
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            String[] coding = part.split(";");
            if (coding[0].strip().equalsIgnoreCase("gzip")) {
                for (int i = 1; i < coding.length; i++) {
                    String param = coding[i].strip().replace(" ", "");
                    if (param.startsWith("q=") && param.substring(2).matches("0(\\.0{0,3})?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** Keeps the page unless an eviction came after its rendering (or its reading from the store) began. */
    private void remember(String key, Page page, long renderedIn) {
        if (generation.get() == renderedIn) {
            pages.put(key, page);
            if (generation.get() != renderedIn) {
                pages.invalidate(key); // an eviction came in between: this page may already be old
            }
        }
    }

    /**
     * A page from the store ({@link PageStore}), kept in memory from now on unless the memory cache was emptied since
     * {@code readIn}; null when none is current.
     */
    private Page fromStore(String key, long readIn,
                           java.util.function.Supplier<java.util.Optional<StoredItemPages.StoredPage>> lookup) {
        StoredItemPages.StoredPage stored;
        try {
            stored = lookup.get().orElse(null);
        } catch (org.springframework.dao.DataAccessException e) {
            return null; // the store is a shortcut: without it the page is rendered, and fails or not as it would have
        }
        if (stored == null) {
            return null;
        }
        Page page = new Page(decompress(stored.gzip()), stored.gzip(), stored.contentType(), stored.etag(),
                HTTP_DATE.format(Instant.now()), stored.headers());
        remember(key, page, readIn);
        return page;
    }

    private static byte[] decompress(byte[] gzip) {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip), 8192)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The page with its gzip bytes, stored in place of the plain one unless an eviction or a newer copy came first. */
    private Page compressed(String key, Page page) {
        byte[] gzip = compress(page.body());
        if (gzip == null) {
            return page;
        }
        Page withGzip = new Page(page.body(), gzip, page.contentType(), page.etag(), page.lastModified(), page.headers());
        pages.asMap().replace(key, page, withGzip);
        return withGzip;
    }

    static byte[] compress(byte[] body) {
        if (body.length < GZIP_MIN_BYTES) {
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length / 4 + 64);
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out, 8192)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] compressed = out.toByteArray();
        return compressed.length < body.length ? compressed : null;
    }

    private static String key(HttpServletRequest request, ReaderPreferences preferences) {
        // 长者模式 and 字号 are cookies that change the HTML: pages differ by them as by their address
        // the parameters, not the raw query string: the same page whatever the order or encoding of its parameters
        StringBuilder key = new StringBuilder(preferences.cacheKey()).append(request.getRequestURI());
        new java.util.TreeMap<>(request.getParameterMap()).forEach((name, values) ->
                key.append('\u0001').append(name).append('=').append(String.join("\u0002", values)));
        return key.toString();
    }

    private static boolean hasSessionCookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return false;
        }
        for (Cookie c : request.getCookies()) {
            if ("SESSION".equals(c.getName()) || "JSESSIONID".equals(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the page holds a form's CSRF field. The field's name is ASCII, which UTF-8 keeps byte for byte, so the page is
     * read as Latin-1 (a plain copy of its bytes) instead of decoded as UTF-8.
     */
    static boolean containsCsrfToken(byte[] body) {
        return new String(body, StandardCharsets.ISO_8859_1).contains("name=\"_csrf\"");
    }

    private static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
