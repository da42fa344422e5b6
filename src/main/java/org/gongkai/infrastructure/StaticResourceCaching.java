package org.gongkai.infrastructure;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cache headers of static files. Pages link them under content-hashed names ({@code /css/base-<md5>.css}, Spring's resource
 * chain with the content version strategy), which never change meaning: a year, immutable, for browsers and proxies alike.
 * The same file asked for by its plain name (an old link, a bookmark) must be revalidated, and {@code /favicon.ico}, which
 * browsers ask for by name, is kept a day. Spring Security's {@code no-store} then leaves these responses alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class StaticResourceCaching extends OncePerRequestFilter {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final Pattern STATIC = Pattern.compile("^/(css|js|webjars)/.+|^/favicon\\.ico$");
    private static final Pattern VERSIONED = Pattern.compile("-[0-9a-f]{32}\\.[A-Za-z0-9]+$");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) || !STATIC.matcher(path(request)).find();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        response.setHeader(HttpHeaders.CACHE_CONTROL, VERSIONED.matcher(path).find() ? IMMUTABLE
                : path.equals("/favicon.ico") ? "public, max-age=86400" : "no-cache");
        chain.doFilter(request, response);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
