package org.gongkai.portal.web;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gongkai.content.CatalogueColumns;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The HTML of a template fragment, rendered once for the values it shows and then kept in this node's memory: the parts of a
 * public page that are the same for every reader and every address showing the same values (a catalogue page's twenty items,
 * its filter form, its column's head; the public layout's fixed parts through {@code gk:kept}). A catalogue page is rendered
 * for every new address (filters, pages, a parameter of someone's link), and the list and the filter selects alone were a
 * third of its template's work: 56 options of five selects and twenty rows, each several expressions.
 * <p>
 * A fragment is kept under the values it is rendered from, compared by equality (records: every field of every item
 * summary), with the template, fragment and locale. Nothing is ever evicted for being out of date: when an item changes, its
 * summary differs, so the list that holds it is another key and is rendered anew; the old one ages out of the bounded
 * memory. Templates and messages are fixed for a build, and every node renders its own.
 * <p>
 * The HTML is Thymeleaf's output of the project's own fragment, with every value escaped by {@code th:text} as usual; it
 * goes into a page only through {@code gk:markup} ({@link MarkupDialect}), which accepts nothing but a {@link Markup}.
 */
@Component
class KeptFragments {

    /** HTML rendered by {@link KeptFragments} from a project template; only this class makes one. */
    static final class Markup {

        private final String html;

        private Markup(String html) {
            this.html = html;
        }

        String html() {
            return html;
        }
    }

    private record Key(String template, String fragment, Map<String, Object> values, Locale locale) {
    }

    private final ITemplateEngine engine;
    private final ApplicationContext context;
    private final Cache<Key, Markup> kept;
    private final AtomicLong renders = new AtomicLong();

    KeptFragments(ITemplateEngine engine, ApplicationContext context,
                  @Value("${gongkai.kept-fragments.max-megabytes:16}") long maxMegabytes) {
        this.engine = engine;
        this.context = context;
        // weighed as the HTML (two bytes a character) and about as much again for the values it is kept under
        this.kept = Caffeine.newBuilder().maximumWeight(maxMegabytes * 1024 * 1024)
                .weigher((Key key, Markup markup) -> markup.html().length() * 4 + 1_000).build();
    }

    /**
     * The fragment {@code fragment} of {@code template} rendered with {@code values} as its variables, kept or rendered now.
     * The values must be everything the fragment reads (besides messages, links and beans) and compare by value.
     */
    Markup render(String template, String fragment, Map<String, Object> values, HttpServletRequest request,
                  HttpServletResponse response) {
        Locale locale = RequestContextUtils.getLocale(request);
        return kept.get(new Key(template, fragment, values, locale), key -> {
            renders.incrementAndGet();
            var exchange = JakartaServletWebApplication.buildApplication(request.getServletContext())
                    .buildExchange(request, response);
            WebContext variables = new WebContext(exchange, locale, values);
            // @beans in expressions (@dates) resolve through this, as in a page rendered by Spring MVC
            variables.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                    new ThymeleafEvaluationContext(context, null));
            return new Markup(engine.process(new TemplateSpec(template, Set.of(fragment), TemplateMode.HTML, null), variables));
        });
    }

    /** A fragment that reads no variables, only messages, links and beans: the same on every page (gk:kept). */
    Markup fixed(String template, String fragment, HttpServletRequest request, HttpServletResponse response) {
        return render(template, fragment, Map.of(), request, response);
    }

    /** The filter selects of the catalogue and search pages (主题, 体裁, 发布机构, year, 有效性), the reader's choice selected. */
    Markup filterChoices(org.gongkai.publication.PublicViews.ItemFilter filter, org.gongkai.publication.PublicViews.Facets facets,
                         HttpServletRequest request, HttpServletResponse response) {
        return render("portal/fragments", "filters", Map.of("filter", filter, "facets", facets), request, response);
    }

    /** A column's breadcrumbs, name, description and sub-columns: the same on every page of the column. */
    Markup columnHead(CatalogueColumns.CatalogueColumn node, CatalogueColumns.CatalogueColumn parent,
                      java.util.List<CatalogueColumns.CatalogueColumn> children, HttpServletRequest request,
                      HttpServletResponse response) {
        Map<String, Object> values = new java.util.HashMap<>(); // a parent may be null, which Map.of refuses
        values.put("node", node);
        values.put("parent", parent);
        values.put("children", children);
        return render("portal/fragments", "column-head", values, request, response);
    }

    /** A column's filter form (its selects as {@link #filterChoices} renders them), the reader's choice selected. */
    Markup columnFilters(String code, org.gongkai.publication.PublicViews.ItemFilter filter,
                         org.gongkai.publication.PublicViews.Facets facets, HttpServletRequest request, HttpServletResponse response) {
        return render("portal/fragments", "column-filters", Map.of("code", code, "filter", filter, "facets", facets), request,
                response);
    }

    /** A list of published items: title, department, date; the withdrawn ones marked. */
    Markup itemList(java.util.List<org.gongkai.publication.PublicViews.ItemSummary> items, HttpServletRequest request,
                    HttpServletResponse response) {
        return render("portal/fragments", "items", Map.of("items", items), request, response);
    }

    /** How many fragments this node has rendered (tests). */
    long renders() {
        return renders.get();
    }
}
