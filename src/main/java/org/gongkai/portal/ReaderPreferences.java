package org.gongkai.portal;

import java.util.Locale;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * How a reader wants the public pages shown: 长者模式 (适老化: larger text on every page) and the 字号 (大/中/小) of an item's
 * text. Both are kept in cookies set by plain links, so they work without JavaScript; both change the HTML (classes on the
 * root element), so the page cache keys on them ({@link #cacheKey()}).
 */
public record ReaderPreferences(boolean elder, TextSize textSize) {

    public static final String ELDER_COOKIE = "elder";
    public static final String TEXT_SIZE_COOKIE = "textsize";

    /** The 字号 of an item's text; {@code MEDIUM} is the default and needs no cookie. */
    public enum TextSize {
        LARGE, MEDIUM, SMALL;

        /** The value in the cookie and in links ({@code large}, {@code medium}, {@code small}). */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The size named by a link or cookie; anything else is {@code MEDIUM}. */
        public static TextSize parse(String value) {
            for (TextSize size : values()) {
                if (size.value().equals(value)) {
                    return size;
                }
            }
            return MEDIUM;
        }
    }

    public static final ReaderPreferences DEFAULT = new ReaderPreferences(false, TextSize.MEDIUM);

    /** Read from the request's cookies; unknown values count as the defaults. */
    public static ReaderPreferences of(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return DEFAULT;
        }
        boolean elder = false;
        TextSize size = TextSize.MEDIUM;
        for (Cookie cookie : cookies) {
            if (ELDER_COOKIE.equals(cookie.getName())) {
                elder = "1".equals(cookie.getValue());
            } else if (TEXT_SIZE_COOKIE.equals(cookie.getName())) {
                size = TextSize.parse(cookie.getValue());
            }
        }
        return new ReaderPreferences(elder, size);
    }

    /** The classes of the root element: {@code elder} scales every rem of the page, {@code text-large}/{@code text-small} the item text. */
    public String htmlClasses() {
        String size = textSize == TextSize.MEDIUM ? "" : "text-" + textSize.value();
        return ((elder ? "elder " : "") + size).strip();
    }

    /** A short key that differs whenever the rendered HTML differs. */
    public String cacheKey() {
        return (elder ? "E" : "N") + textSize.name().charAt(0);
    }
}
