package org.gongkai.infrastructure;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * In production ({@code gongkai.require-public-base-url=true}, set by the prod profile) the site's public address
 * ({@code GONGKAI_BASE_URL}) goes into QR posters, feeds, the sitemap and open-data links, so a start without one, or with
 * an http or loopback address, is refused with one line saying what to set, before anything else starts.
 */
public class PublicAddressCheck implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "gongkai.base-url";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("gongkai.require-public-base-url", Boolean.class, false)) {
            return;
        }
        problem(environment.getProperty(PROPERTY)).ifPresent(problem -> {
            throw new FailureAnalyzedException("Refusing to start: " + problem,
                    "Set GONGKAI_BASE_URL to the site's public https address, e.g. GONGKAI_BASE_URL=https://gongkai.example.gov.cn");
        });
    }

    /** Why the address cannot be the public address of a production site, or empty when it can. */
    static Optional<String> problem(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return Optional.of("GONGKAI_BASE_URL (gongkai.base-url) is not set; QR posters, feeds and the sitemap need the public address");
        }
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        } catch (URISyntaxException e) {
            return Optional.of("GONGKAI_BASE_URL '" + baseUrl + "' is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return Optional.of("GONGKAI_BASE_URL '" + baseUrl + "' is not an https address");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("GONGKAI_BASE_URL '" + baseUrl + "' names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("GONGKAI_BASE_URL '" + baseUrl + "' must not carry a query or fragment");
        }
        if (loopback(host)) {
            return Optional.of("GONGKAI_BASE_URL '" + baseUrl + "' is a loopback address, unreachable for citizens");
        }
        return Optional.empty();
    }

    /** localhost names and loopback or unspecified IP literals; host names are never looked up. */
    private static boolean loopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost") || name.equals("localhost.localdomain")) {
            return true;
        }
        if (name.matches("[0-9.]+") || name.contains(":")) {
            try {
                InetAddress address = InetAddress.getByName(name);   // a literal: no DNS query
                return address.isLoopbackAddress() || address.isAnyLocalAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
