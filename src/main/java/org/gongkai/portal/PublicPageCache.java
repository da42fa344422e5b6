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
import org.gongkai.publication.PublicationChanged;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Rendered bytes of anonymous public pages, kept in memory with an ETag until anything public changes: a publication,
 * withdrawal or unpublishing (after its transaction commits) or a guide edit empties the cache, so it cannot go stale.
 * A hit runs no controller, no template, no query and no security filter, and creates no session: the cache sits in front
 * of Spring Security and replays the security headers (CSP, frame and content-type options, referrer policy) that the
 * chain wrote on the miss. Only requests without a session cookie take part; responses that set a cookie or hold a CSRF
 * token are never stored.
 */
@Component
// first of all filters: a hit skips the session repository, request-id, observation (metrics) and Spring Security filters;
// it reads the session cookie itself and never touches a session
@Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class PublicPageCache extends OncePerRequestFilter {

    private static final Pattern CACHEABLE = Pattern.compile(
            "^/($|items/[a-z0-9]{8,40}$|catalogue(/[a-z0-9-]+)?$|catalogue/[a-z0-9-]+/feed\\.atom$|search$|guide$|guide/matters$|feed\\.atom$"
                    + "|sitemap\\.xml$|robots\\.txt$|data$|data\\.json$|reports/annual$)");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private record Page(byte[] body, String contentType, String etag, String lastModified, java.util.Map<String, String> headers) {
    }

    /** The headers Spring Security writes on every page, replayed on hits. */
    private static final java.util.List<String> REPLAYED = java.util.List.of("Content-Security-Policy", "X-Frame-Options",
            "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "X-XSS-Protection", "Strict-Transport-Security",
            "Cross-Origin-Opener-Policy", "Content-Language");

    private final Cache<String, Page> pages;
    private final boolean enabled;

    PublicPageCache(@Value("${gongkai.page-cache.enabled:true}") boolean enabled,
                    @Value("${gongkai.page-cache.max-megabytes:64}") long maxMegabytes) {
        this.enabled = enabled;
        // bounded by bytes, so that many distinct searches cannot push the heap past its limit
        this.pages = Caffeine.newBuilder().maximumWeight(maxMegabytes * 1024 * 1024)
                .weigher((String key, Page page) -> page.body().length + key.length() * 2 + 200)
                .expireAfterWrite(Duration.ofHours(6)).build();
    }

    /** Everything public may have changed: forget every page. */
    public void evictAll() {
        pages.invalidateAll();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onPublicationChanged(PublicationChanged changed) {
        evictAll();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onCatalogueChanged(org.gongkai.content.CatalogueChanged changed) {
        evictAll();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!enabled || !"GET".equals(request.getMethod()) || request.getHeader("Authorization") != null) {
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
        String key = key(request);
        Page page = pages.getIfPresent(key);
        if (page != null) {
            page.headers().forEach(response::setHeader);
            response.setHeader("ETag", page.etag());
            response.setHeader("Last-Modified", page.lastModified());
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Page-Cache", "hit");
            String ifNoneMatch = request.getHeader("If-None-Match");
            if (ifNoneMatch != null && ifNoneMatch.contains(page.etag())) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
            response.setContentType(page.contentType());
            response.setContentLength(page.body().length);
            response.getOutputStream().write(page.body());
            return;
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, wrapper);
        byte[] body = wrapper.getContentAsByteArray();
        String type = wrapper.getContentType();
        if (wrapper.getStatus() == 200 && type != null && !wrapper.containsHeader("Set-Cookie") && !containsCsrfToken(body)
                && request.getSession(false) == null) {
            java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (String name : REPLAYED) {
                String value = wrapper.getHeader(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
            Page stored = new Page(body, type, "\"" + hash(body) + "\"", HTTP_DATE.format(Instant.now()), java.util.Map.copyOf(headers));
            pages.put(key, stored);
            wrapper.setHeader("ETag", stored.etag());
            wrapper.setHeader("Last-Modified", stored.lastModified());
            wrapper.setHeader("Cache-Control", "no-cache");
        }
        wrapper.copyBodyToResponse();
    }

    private static String key(HttpServletRequest request) {
        boolean elder = false;
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                elder |= "elder".equals(c.getName()) && "1".equals(c.getValue());
            }
        }
        // the parameters, not the raw query string: the same page whatever the order or encoding of its parameters
        StringBuilder key = new StringBuilder(elder ? "E" : "N").append(request.getRequestURI());
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

    private static boolean containsCsrfToken(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).contains("name=\"_csrf\"");
    }

    private static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
