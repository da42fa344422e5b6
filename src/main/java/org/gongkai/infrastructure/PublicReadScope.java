package org.gongkai.infrastructure;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks the thread of a GET or HEAD of a public page (home, items and their attachments and data, catalogue, search, guide,
 * feeds, sitemap, open data, annual reports), whose read-only transactions may then read from the replica
 * ({@link PublicReadRouting}). Nothing else is marked: the console, sign-in, forms and every POST stay on the primary.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // behind the page cache (a hit reads nothing) and the readiness gate
public class PublicReadScope extends OncePerRequestFilter {

    static final Pattern PUBLIC = Pattern.compile(
            "^/($|items/|catalogue($|/)|search$|guide($|/)|feed\\.atom$|sitemap\\.xml$|data($|/|\\.json$)|reports/annual$)");

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    /** Whether this thread serves a public page now. */
    public static boolean active() {
        return ACTIVE.get() != null;
    }

    /** Runs {@code work} as a public page would (for tests and background renders of public pages). */
    public static <T> T run(java.util.function.Supplier<T> work) {
        Boolean before = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (before == null) {
                ACTIVE.remove();
            }
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !("GET".equals(method) || "HEAD".equals(method))
                || !PUBLIC.matcher(request.getRequestURI().substring(request.getContextPath().length())).find();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ACTIVE.set(Boolean.TRUE);
        try {
            chain.doFilter(request, response);
        } finally {
            ACTIVE.remove();
        }
    }
}
