package org.gongkai.content;

import java.util.regex.Pattern;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.web.util.HtmlUtils;

/**
 * The allow-list for rich-text bodies (OWASP Java HTML Sanitizer): headings, paragraphs, lists, tables, links and images from
 * this site only. Scripts, event handlers, styles, javascript: and data: URLs and frames never survive. Word's markup
 * (classes, styles, o:p, spans) is dropped, its structure kept.
 */
public final class BodySanitizer {

    private static final Pattern LOCAL_IMAGE = Pattern.compile("^/(items|admin/documents)/[A-Za-z0-9/_.-]+$");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "h2", "h3", "h4", "h5", "ul", "ol", "li", "strong", "b", "em", "i", "u", "sub", "sup",
                    "blockquote", "hr", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a", "img")
            .allowAttributes("colspan", "rowspan").matching(Pattern.compile("[0-9]{1,2}")).onElements("td", "th")
            .allowAttributes("scope").matching(Pattern.compile("row|col|rowgroup|colgroup")).onElements("th")
            .allowAttributes("href").onElements("a")
            .allowUrlProtocols("http", "https", "mailto")
            .requireRelsOnLinks("noopener", "noreferrer")
            .allowAttributes("src").matching(LOCAL_IMAGE).onElements("img")
            .allowAttributes("alt").onElements("img")
            .toFactory();

    private BodySanitizer() {
    }

    public static String sanitise(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        return readableEntities(POLICY.sanitize(html)).strip();
    }

    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x[0-9a-fA-F]+|[0-9]+);");

    /** The sanitizer writes many non-ASCII characters (全角标点) as numeric entities; store them as the characters they are. */
    static String readableEntities(String html) {
        return NUMERIC_ENTITY.matcher(html).replaceAll(m -> {
            String n = m.group(1);
            int cp = n.startsWith("x") ? Integer.parseInt(n.substring(1), 16) : Integer.parseInt(n);
            boolean markup = cp == '<' || cp == '>' || cp == '&' || cp == '"' || cp == '\'' || cp == '`' || cp == '=' || cp == '@'
                    || cp == '+' || cp < 0x20;
            return markup || !Character.isValidCodePoint(cp) ? java.util.regex.Matcher.quoteReplacement(m.group())
                    : java.util.regex.Matcher.quoteReplacement(new String(Character.toChars(cp)));
        });
    }

    /** Plain text of a sanitised body, for search and snippets. */
    public static String text(String sanitisedHtml) {
        String withBreaks = sanitisedHtml.replaceAll("(?i)</(p|h[2-5]|li|tr|td|th|caption|blockquote)>|<br\\s*/?>", "$0 ");
        return HtmlUtils.htmlUnescape(withBreaks.replaceAll("<[^>]*>", "")).replaceAll("\\s+", " ").strip();
    }
}
