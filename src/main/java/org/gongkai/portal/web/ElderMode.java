package org.gongkai.portal.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gongkai.infrastructure.RenderedPage;
import org.gongkai.portal.ReaderPreferences;
import org.gongkai.portal.ReaderPreferences.TextSize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * 长者模式 (适老化): larger text on every page, higher contrast, a simpler layout; and the 字号 (大/中/小) of an item's text.
 * Plain links switch them and cookies keep them ({@link ReaderPreferences}), so they work without JavaScript; the links
 * only ever return to a path of this site.
 */
@Controller
class ElderMode implements WebMvcConfigurer {

    private static final int ONE_YEAR = 365 * 24 * 3600;

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ReaderChoices());
    }

    /**
     * What every page needs of the reader's choices, added to the model of every page a handler renders:
     * {@code elderMode}, {@code readerClasses} (the classes of the root element of public pages, see public.css),
     * {@code textSize} and {@code currentPath} (where the switches return to). An interceptor, not a {@code @ModelAttribute}
     * method of a {@code @ControllerAdvice}: Spring invoked that one as a handler method (its arguments, a data binder, the
     * model factory) on every request, 4 % of an uncached catalogue page's CPU. Like the model method it replaces, it adds
     * nothing to a redirect (whose model would become its query) nor to a page an exception handler renders.
     */
    static final class ReaderChoices implements HandlerInterceptor {

        @Override
        public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                               ModelAndView page) {
            if (!RenderedPage.isPage(page)) {
                return;
            }
            ReaderPreferences preferences = ReaderPreferences.of(request);
            page.addObject("elderMode", preferences.elder());
            page.addObject("readerClasses", preferences.htmlClasses());
            page.addObject("textSize", preferences.textSize().value());
            page.addObject("currentPath", currentPath(request));
        }
    }

    private static String currentPath(HttpServletRequest request) {
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
        boolean elder = "1".equals(on);
        response.addCookie(cookie(ReaderPreferences.ELDER_COOKIE, elder ? "1" : "0", elder));
        return "redirect:" + safeReturn(returnTo);
    }

    /** 字号 大/中/小: {@code medium} removes the cookie. */
    @GetMapping("/preferences/text-size")
    String textSize(@RequestParam(defaultValue = "medium") String size,
                    @RequestParam(name = "return", defaultValue = "/") String returnTo, HttpServletResponse response) {
        TextSize chosen = TextSize.parse(size);
        response.addCookie(cookie(ReaderPreferences.TEXT_SIZE_COOKIE, chosen.value(), chosen != TextSize.MEDIUM));
        return "redirect:" + safeReturn(returnTo);
    }

    private static Cookie cookie(String name, String value, boolean keep) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath("/");
        cookie.setMaxAge(keep ? ONE_YEAR : 0);
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
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
