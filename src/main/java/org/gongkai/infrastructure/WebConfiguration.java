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

    @Bean
    LocaleResolver localeResolver() {
        return new FixedLocaleResolver(CHINESE);
    }

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
