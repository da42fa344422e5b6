package org.gongkai.infrastructure;

import java.time.Clock;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/** The portal speaks Simplified Chinese only, and every feature reads time from one injectable clock. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private final java.time.ZoneId zone;

    WebConfiguration(org.springframework.core.env.Environment environment) {
        // dates and times on every page are China time, whatever the server's zone (GONGKAI_TIME_ZONE to change it)
        zone = java.time.ZoneId.of(environment.getProperty("gongkai.time-zone", "Asia/Shanghai"));
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
    }

    @Bean
    LocaleResolver localeResolver() {
        return new FixedLocaleResolver(CHINESE);
    }

    @Bean
    Clock clock() {
        // the configured zone itself, not the JVM default at some moment: "today" is the Beijing date between 00:00 and 08:00 too
        return Clock.system(zone);
    }
}
