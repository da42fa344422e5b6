package org.gongkai.infrastructure;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with the Chinese 400 page, any request whose path, parameter names or values hold a control character (NUL and the
 * other C0 controls except tab, line feed and carriage return, and DEL): no form or link of the site sends one,
 * PostgreSQL refuses NUL in text, and they have no business in logs, headers or the audit trail.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3) // behind the request id, before sessions and Spring Security
class InputGuard extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the decoded path: a control character in a path variable is as wrong as in a parameter
        if (hasControlCharacter(request.getServletPath()) || hasControlCharacter(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (hasControlCharacter(parameter.getKey())) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return;
            }
            for (String value : parameter.getValue()) {
                if (hasControlCharacter(value)) {
                    response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    static boolean hasControlCharacter(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
