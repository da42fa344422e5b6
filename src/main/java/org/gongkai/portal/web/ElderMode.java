package org.gongkai.portal.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 长者模式 (适老化): larger text, higher contrast, a simpler layout. A plain link switches it on or off and a cookie keeps
 * it, so it works without JavaScript; the link only ever returns to a path of this site.
 */
@Controller
@ControllerAdvice(basePackages = "org.gongkai")
class ElderMode {

    static final String COOKIE = "elder";

    @ModelAttribute("elderMode")
    boolean elderMode(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && "1".equals(cookie.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        if (request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed) {
            // an error page: come back to the address that failed, not to /error
            return failed.substring(Math.min(request.getContextPath().length(), failed.length()));
        }
        String query = request.getQueryString();
        return request.getRequestURI().substring(request.getContextPath().length()) + (query == null ? "" : "?" + query);
    }

    @GetMapping("/preferences/elder")
    String toggle(@RequestParam(defaultValue = "1") String on, @RequestParam(name = "return", defaultValue = "/") String returnTo,
                  HttpServletResponse response) {
        Cookie cookie = new Cookie(COOKIE, "1".equals(on) ? "1" : "0");
        cookie.setPath("/");
        cookie.setMaxAge("1".equals(on) ? 365 * 24 * 3600 : 0);
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        return "redirect:" + safeReturn(returnTo);
    }

    /** Only same-site paths: no scheme, no host, no protocol-relative "//" and no backslash tricks. */
    static String safeReturn(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\") || path.contains("\r")
                || path.contains("\n") || path.length() > 500) {
            return "/";
        }
        return path;
    }
}
