package org.gongkai.infrastructure;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Content-hashed links ({@code /css/base-<md5>.css}) for static files only. Spring's {@link ResourceUrlEncodingFilter} asks
 * the resource chain about every link a page writes ({@code @{/items/…}} included), and for a link that is not a file the
 * chain looks it up in every static location, which in the packaged jar means asking the class loader, and so every nested
 * jar, for a file that is not there: 80 % of the CPU of an uncached item page (JFR, issue 19). Here only links under
 * {@code /css/}, {@code /js/}, {@code /webjars/} and {@code /favicon.ico} are passed to the chain; every other link is
 * written as it is (as Spring Security's {@code DisableEncodeUrlFilter} would: no session ids in URLs).
 */
@Configuration(proxyBeanMethods = false)
class StaticResourceLinks {

    static final Pattern STATIC = Pattern.compile("^/(css|js|webjars)/|^/favicon\\.ico");

    /** Replaces Spring Boot's registration of the filter (it backs off when one exists), for the same dispatcher types. */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(new StaticOnly());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    static final class StaticOnly extends ResourceUrlEncodingFilter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String contextPath = ((HttpServletRequest) request).getContextPath();
            super.doFilter(request, response, (wrappedRequest, wrappedResponse) -> chain.doFilter(wrappedRequest,
                    new HttpServletResponseWrapper((HttpServletResponse) wrappedResponse) {
                        @Override
                        public String encodeURL(String url) {
                            return isStatic(url, contextPath) ? super.encodeURL(url) : url;
                        }
                    }));
        }
    }

    static boolean isStatic(String url, String contextPath) {
        if (url == null || !url.startsWith(contextPath)) {
            return false;
        }
        return STATIC.matcher(url).region(contextPath.length(), url.length()).lookingAt();
    }
}
