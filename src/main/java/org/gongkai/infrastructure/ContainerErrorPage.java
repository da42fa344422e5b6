package org.gongkai.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The few requests Tomcat refuses before the application sees them (an encoded NUL or slash in the path, a malformed
 * request line, oversized headers) would get Tomcat's English "HTTP Status 400" report; Tomcat's error report valve is
 * given a static Chinese page instead, written from the message bundle at start-up. Everything the application sees is
 * answered by {@link ErrorPages}.
 */
@Component
class ContainerErrorPage implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    private final MessageSource messages;
    private final String siteName;

    ContainerErrorPage(MessageSource messages, @Value("${gongkai.site-name:}") String siteName) {
        this.messages = messages;
        this.siteName = siteName;
    }

    @Override
    public int getOrder() {
        return 1;   // after Spring Boot's own customizer, which adds the valve
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        Path page = write();
        factory.addContextCustomizers(context -> {
            for (Valve valve : context.getParent().getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve report) {
                    report.setProperty("errorCode.0", page.toString());   // 0: every status
                }
            }
        });
    }

    private Path write() {
        String title = text("error.generic.title");
        String html = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title + "</title>"
                + "<link rel=\"stylesheet\" href=\"/css/base.css\"><link rel=\"stylesheet\" href=\"/css/public.css\"></head>\n"
                + "<body class=\"public\"><header class=\"site-header\"><div class=\"wrap header-row\"><a class=\"site-name\" href=\"/\">"
                + HtmlUtils.htmlEscape(siteName) + "</a></div></header>\n<main id=\"main\" class=\"wrap narrow error-page\"><h1>"
                + title + "</h1><p>" + text("error.generic.text") + "</p><p><a href=\"/\">" + text("error.home") + "</a></p></main>"
                + "</body></html>\n";
        try {
            Path file = Files.createTempFile("gongkai-error-", ".html");
            file.toFile().deleteOnExit();
            Files.writeString(file, html, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String text(String key) {
        return HtmlUtils.htmlEscape(messages.getMessage(key, null, WebConfiguration.CHINESE));
    }
}
