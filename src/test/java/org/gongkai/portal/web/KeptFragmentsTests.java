package org.gongkai.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.publication.PublicationContent;
import org.gongkai.publication.PublicationFixtures;
import org.gongkai.publication.PublicationWriter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * A catalogue page's list and filter choices are rendered once for the values they show and then kept
 * ({@link KeptFragments}): the page is the same either way, a changed item is shown at once, and {@code gk:markup} takes
 * nothing but kept markup.
 */
class KeptFragmentsTests extends AbstractIntegrationTest {

    @Autowired
    KeptFragments fragments;

    @Autowired
    PublicationWriter writer;

    @Autowired
    TransactionTemplate transactions;

    private static final Pattern ITEM_LINK = Pattern.compile("<a href=\"/items/([a-z0-9]+)\">([^<]*)</a>");

    private String page(String query) throws Exception {
        return mvc.perform(get("/catalogue/ggws?" + query)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static String main(String page) {
        return page.substring(page.indexOf("<main"), page.indexOf("</main>"));
    }

    /** The newest items of 公共卫生 and its sub-columns first published in that year, as the page should list them. */
    private List<String> expectedItems(int year, int page) {
        return expectedItems("extract(year from d.first_published_at at time zone 'Asia/Shanghai') = " + year, page);
    }

    private static List<String> listedItems(String page) {
        Matcher links = ITEM_LINK.matcher(page.substring(page.indexOf("class=\"item-list\"")));
        List<String> ids = new java.util.ArrayList<>();
        while (links.find()) {
            ids.add(links.group(1));
        }
        return ids;
    }

    /** The pages at two addresses that show the same values; the second rendered no fragment again. */
    private List<String> renderedOnce(String firstQuery, String secondQuery) throws Exception {
        String first = page(firstQuery);
        long rendered = fragments.renders();
        String second = page(secondQuery);
        assertThat(fragments.renders()).as("fragments rendered for the second address").isEqualTo(rendered);
        return List.of(first, second);
    }

    @Test
    void aPageIsTheSameWhetherItsListAndFiltersWereRenderedForItOrKeptFromAnEarlierAddress() throws Exception {
        // the second address shows the same values: nothing rendered again, and the same page
        List<String> pages = renderedOnce("year=2025&n=kept-1", "year=2025&n=kept-2");
        String second = pages.get(1);
        assertThat(main(second)).isEqualTo(main(pages.get(0)));
        // what the fragments hold: every item of the page in order, links and titles escaped as th:text writes them, and
        // the reader's filter selected
        List<String> expected = expectedItems(2025, 1);
        assertThat(expected).isNotEmpty();
        assertThat(listedItems(second)).containsExactlyElementsOf(expected);
        assertThat(second).contains("<option value=\"2025\" selected=\"selected\">2025</option>")
                .contains("<option value=\"2024\">2024</option>")
                .doesNotContain("gk:markup").doesNotContain("th:fragment");
    }

    @Test
    void anItemThatChangesIsShownAtOnceBecauseAListIsKeptUnderTheValuesItShows() throws Exception {
        String before = page("year=2025&n=change-1");
        String changed = listedItems(before).get(0);
        int tags = before.split("class=\"tag warn\"", -1).length;
        jdbc.update("update public_document set status = 'WITHDRAWN' where document_id = ? and status = 'LIVE'", changed);
        try {
            long rendered = fragments.renders();
            String after = page("year=2025&n=change-2");
            // the list is rendered again (its first item's summary differs); the filter choices are kept
            assertThat(fragments.renders()).isEqualTo(rendered + 1);
            assertThat(after.split("class=\"tag warn\"", -1).length).isEqualTo(tags + 1);
            String row = after.substring(after.indexOf("/items/" + changed));
            assertThat(row.substring(0, row.indexOf("</li>"))).contains("class=\"tag warn\"");
        } finally {
            jdbc.update("update public_document set status = 'LIVE' where document_id = ?", changed);
        }
        // and the page as it was is the kept one again
        long rendered = fragments.renders();
        assertThat(main(page("year=2025&n=change-3"))).isEqualTo(main(before));
        assertThat(fragments.renders()).isEqualTo(rendered);
    }

    @Test
    void markupTakesOnlyKeptFragmentsNeverAReadersText() {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(new StringTemplateResolver());
        engine.addDialect(new MarkupDialect(new StaticListableBeanFactory().getBeanProvider(KeptFragments.class)));
        Context context = new Context();
        context.setVariable("text", "<script>alert(1)</script>");
        assertThatThrownBy(() -> engine.process("<div gk:markup=\"${text}\"></div>", context))
                .isInstanceOf(TemplateProcessingException.class)
                .hasStackTraceContaining("gk:markup takes only KeptFragments.Markup, not java.lang.String");
        assertThatThrownBy(() -> engine.process("<div gk:markup=\"${missing}\"></div>", context))
                .hasStackTraceContaining("gk:markup takes only KeptFragments.Markup, not null");
    }

    /** The newest items of 公共卫生 and its sub-columns with a condition on the snapshot ({@code s}), as the page should list them. */
    private List<String> expectedItems(String condition, int page) {
        return jdbc.queryForList("""
                with recursive under(id, code) as (
                    select id, code from catalogue_node where code = 'ggws'
                    union all select n.id, n.code from catalogue_node n join under u on n.parent_id = u.id)
                select d.document_id from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                where d.status in ('LIVE', 'WITHDRAWN') and s.catalogue_code in (select code from under) and %s
                order by d.last_major_change_at desc, d.document_id limit 20 offset ?""".formatted(condition), String.class,
                (page - 1) * 20);
    }

    /**
     * A page is picked from the list's index before its snapshots are read, unless a filter reads the snapshot (主题): both
     * list what the read model holds, in its order, on a later page too.
     */
    @Test
    void aLaterPageAndATopicsPageListTheColumnsItemsInOrder() throws Exception {
        String topic = "简报" + UUID.randomUUID().toString().substring(0, 6);
        var department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        // in a sub-column (the page is the union of the columns' lists), long ago (off every other test's first page)
        for (int i = 0; i < 45; i++) {
            PublicationContent b = PublicationFixtures.content(department, "kf" + UUID.randomUUID().toString().replace("-", "").substring(0, 10),
                    "第" + i + "期传染病疫情简报", "简报正文", Instant.parse("2016-04-01T02:00:00Z").plusSeconds(i * 60L));
            PublicationContent content = new PublicationContent(b.documentId(), b.editionId(), 1, b.departmentId(),
                    b.departmentCreditCode(), b.publishedAt(), false, null, b.title(), b.documentNumber(), b.writtenOn(),
                    b.summary(), b.keywords(), "ggws-crb", "传染病疫情", i % 2 == 0 ? topic : b.topic(), b.genre(), b.audience(),
                    b.disclosureAttribute(), b.issuingDepartmentName(), false, b.bodyHtml(), b.bodyText(), b.attachments(),
                    b.related(), b.maskedTablesJson());
            transactions.executeWithoutResult(status -> writer.publish(content));
        }
        List<String> third = expectedItems("true", 3);
        assertThat(third).hasSize(20);
        assertThat(listedItems(page("page=3&n=later"))).containsExactlyElementsOf(third);
        List<String> second = expectedItems("s.topic = '" + topic + "'", 2);
        assertThat(second).hasSize(3); // 23 of the topic: the second page holds the three oldest
        assertThat(listedItems(page("topic=" + topic + "&page=2&n=topic")))
                .containsExactlyElementsOf(second);
    }

    @Test
    void theLayoutsFixedPartsAreRenderedOnceAndShownOnEveryPage() throws Exception {
        List<String> pages = renderedOnce("n=chrome-1", "n=chrome-2");
        String first = pages.get(0);
        String second = pages.get(1);
        for (String page : List.of(first, second, mvc.perform(get("/guide")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8))) {
            // the menu, the site's name, the footer and the stylesheets once each, with their links
            assertThat(page.split("class=\"site-nav\"", -1)).hasSize(2);
            assertThat(page.split("class=\"site-name\"", -1)).hasSize(2);
            assertThat(page.split("<footer class=\"site-footer\"", -1)).hasSize(2);
            assertThat(page).contains("<a href=\"/catalogue\">信息公开目录</a>", "<a href=\"/requests/track\">",
                    "<a href=\"/login\">工作人员登录</a>").containsPattern("<link rel=\"stylesheet\" href=\"/css/public-[0-9a-f]+\\.css\">");
            // and what differs by page is rendered for it: the 长者模式 switch returns to this very page
            assertThat(page).doesNotContain("gk:kept");
        }
        assertThat(first).contains("return=/catalogue/ggws?n%3Dchrome-1");
        assertThat(second).contains("return=/catalogue/ggws?n%3Dchrome-2");
    }

    @Test
    void keptTakesATemplateAndAFragment() {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(new StringTemplateResolver());
        engine.addDialect(new MarkupDialect(new StaticListableBeanFactory().getBeanProvider(KeptFragments.class)));
        assertThatThrownBy(() -> engine.process("<div gk:kept=\"layout/public-chrome\"></div>", new Context()))
                .hasStackTraceContaining("gk:kept takes");
    }
}
