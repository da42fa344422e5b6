package org.gongkai.infrastructure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Until the node is ready ({@code /actuator/health/readiness} UP: migrated, demo data seeded, every start-up runner done)
 * every request but the actuator's answers 503 with {@code Retry-After}, so a node that has just started never shows an
 * empty portal. nginx ({@code proxy_next_upstream ... http_503}) then sends the request to the other node; any other
 * balancer should use the readiness endpoint as its health check. The same holds while the node shuts down.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReadinessGate extends OncePerRequestFilter {

    private final ApplicationAvailability availability;
    private final MessageSource messages;
    private final String actuatorPath;

    ReadinessGate(ApplicationAvailability availability, MessageSource messages,
                  @Value("${management.endpoints.web.base-path:/actuator}") String actuatorPath) {
        this.availability = availability;
        this.messages = messages;
        this.actuatorPath = actuatorPath.endsWith("/") ? actuatorPath : actuatorPath + "/";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(actuatorPath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        String title = HtmlUtils.htmlEscape(messages.getMessage("startup.title", null, zh));
        String text = HtmlUtils.htmlEscape(messages.getMessage("startup.text", null, zh));
        byte[] body = ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head>"
                + "<body><h1>" + title + "</h1><p>" + text + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
