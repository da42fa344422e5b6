package org.gongkai.infrastructure;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/**
 * The portal speaks Simplified Chinese only, and every feature reads time from one injectable clock and one zone: the
 * {@link ZoneId} bean is the configured {@code gongkai.time-zone} (GONGKAI_TIME_ZONE), the zone the {@link Clock} carries. Inject
 * it wherever a date is formatted or an instant is turned into a local date, in SQL too ({@code at time zone ?}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private final ZoneId zone;

    WebConfiguration(org.springframework.core.env.Environment environment) {
        // dates and times on every page are China time, whatever the server's zone (GONGKAI_TIME_ZONE to change it)
        zone = ZoneId.of(environment.getRequiredProperty("gongkai.time-zone"));
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
    }

    @Bean
    LocaleResolver localeResolver() {
        return new FixedLocaleResolver(CHINESE);
    }

    @Bean
    ZoneId zone() {
        return zone;
    }

    @Bean
    Clock clock() {
        // the configured zone itself, not the JVM default at some moment: "today" is the Beijing date between 00:00 and 08:00 too
        return Clock.system(zone);
    }
}
