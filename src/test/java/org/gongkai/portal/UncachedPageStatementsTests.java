package org.gongkai.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.publication.PublicationContent;
import org.gongkai.publication.PublicationFixtures;
import org.gongkai.publication.PublicationWriter;
import org.gongkai.support.StatementCounter;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Public pages that no page cache answers (the long tail crawlers walk, a new search) send as few statements as they can
 * (issue 19): what every page needs and rarely changes (the catalogue, the filter choices, which items a published question
 * names) is kept between requests, so an item page is one statement and a column page with items reads no empty-column note.
 */
class UncachedPageStatementsTests extends AbstractIntegrationTest {

    @Autowired
    PublicationWriter writer;

    @Autowired
    TransactionTemplate transactions;

    private PublicationContent publish(String title, String body) {
        var department = PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科");
        PublicationContent c = PublicationFixtures.content(department, UUID.randomUUID().toString().substring(0, 12), title, body,
                Instant.parse("2026-03-10T02:00:00Z"));
        transactions.executeWithoutResult(s -> writer.publish(c));
        return c;
    }

    private int statements(String path) throws Exception {
        return StatementCounter.count(() -> mvc.perform(get(path)).andExpect(status().isOk()));
    }

    @Test
    void anItemPageThatNoQuestionNamesIsOneStatement() throws Exception {
        PublicationContent first = publish("关于做好冬季流感疫苗接种工作的通知", "请各接种单位做好冬季流感疫苗接种。");
        PublicationContent second = publish("关于公布冬季发热门诊名单的公告", "本市发热门诊名单如下。");
        statements("/items/" + first.documentId()); // warm-up: what every page keeps is read once
        assertThat(statements("/items/" + second.documentId())).as("statements of an uncached item page").isEqualTo(1);
    }

    @Test
    void aColumnWithItemsReadsItsPageOnlyOnceItsCountIsKnown() throws Exception {
        PublicationContent b = PublicationFixtures.content(PublicationFixtures.existingDepartment(jdbc, "疾病预防控制科"),
                UUID.randomUUID().toString().substring(0, 12), "关于开展冬季爱国卫生运动的通知", "各单位开展冬季爱国卫生运动。",
                Instant.parse("2026-03-10T02:00:00Z"));
        PublicationContent inColumn = new PublicationContent(b.documentId(), b.editionId(), 1, b.departmentId(),
                b.departmentCreditCode(), b.publishedAt(), false, null, b.title(), b.documentNumber(), b.writtenOn(), b.summary(),
                b.keywords(), "ggws-crb", "传染病疫情", b.topic(), b.genre(), b.audience(), b.disclosureAttribute(),
                b.issuingDepartmentName(), false, b.bodyHtml(), b.bodyText(), b.attachments(), b.related(), b.maskedTablesJson());
        transactions.executeWithoutResult(s -> writer.publish(inColumn));
        statements("/catalogue/ggws-crb?n=1"); // warm-up: the column's count with these filters is kept
        int page = StatementCounter.count(() -> mvc.perform(get("/catalogue/ggws-crb?n=2")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("关于开展冬季爱国卫生运动的通知"))));
        assertThat(page).as("statements of an uncached column page with items").isEqualTo(1);
    }

    @Test
    void aSearchWithResultsSendsAFixedNumberOfStatements() throws Exception {
        for (int i = 1; i <= 11; i++) { // two pages of results
            publish("关于开展第" + i + "批结核病筛查工作的通知", "各区做好冬季结核病筛查。");
        }
        statements("/search?q=结核&n=1"); // warm-up: the bigram statistics and the filter choices are kept
        // the search's settings, its matches, their page, and the box of matching questions and answers
        assertThat(statements("/search?q=结核&n=2")).as("statements of an uncached search").isEqualTo(4);
        // a later page has no box of questions and answers
        assertThat(statements("/search?q=结核&page=2&n=3")).as("statements of a later page of a search").isEqualTo(3);
    }

    @Autowired
    org.gongkai.publication.PublishedItems published;

    @Autowired
    org.gongkai.content.PublicCatalogue catalogue;

    /**
     * The plans PostgreSQL keeps, on one connection, for the statements that read a column's page and the home page's list:
     * a generic plan reused by every request once the statement is prepared, not a plan made again for each (the union of
     * a branch a column, and a bound limit, were planned at every request, which cost more than reading the rows).
     */
    @Test
    void aColumnsPageAndTheLatestItemsAreReadWithAPlanThatEveryRequestReuses() {
        var filter = new org.gongkai.publication.PublicViews.ItemFilter(catalogue.codesUnder("ggws"), null, null, null, null, null);
        assertThat(filter.catalogueCodes()).hasSizeGreaterThan(1);
        var plans = transactions.execute(status -> {
            // PostgreSQL plans a prepared statement for its values five times before it weighs a generic plan, and the
            // driver prepares one at its fifth use
            for (int i = 0; i < 15; i++) {
                published.list(filter, 2, 20);
                published.latest(12);
            }
            return jdbc.queryForList("select statement, generic_plans, custom_plans from pg_prepared_statements"
                    + " where statement like '%) u order by last_major_change_at desc, document_id limit 20 offset 20) p join %' or statement like '%order by d.last_major_change_at desc limit 12'");
        });
        assertThat(plans).hasSize(2).allSatisfy(plan -> {
            assertThat((Long) plan.get("generic_plans")).as("%s", plan.get("statement")).isGreaterThanOrEqualTo(3);
            assertThat((Long) plan.get("custom_plans")).isLessThanOrEqualTo(5);
        });
    }
}
