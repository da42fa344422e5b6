package org.gongkai.infrastructure;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The commission's name ({@code gongkai.site-name}), read once; templates call it as {@code @site.name()}. Asked of the
 * Environment on every page, the two lookups of the layout walked every property source through relaxed binding, about
 * 4 % of an uncached item page's CPU (issue 19).
 */
@Component("site")
public class SiteName {

    private final String name;

    SiteName(@Value("${gongkai.site-name}") String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }
}
