package org.gongkai.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.content.ContentManagement;
import org.gongkai.content.EditionView;
import org.gongkai.support.Browser;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The review page shows everything that will become public (#18): on a 390 px phone, the reviewer of a second edition sees
 * its 更新说明, what it changes from the published edition (removed and added paragraphs) and the attached data table in its
 * masked form.
 */
class BrowserReviewShowsEverythingTests extends AbstractIntegrationTest {

    @Autowired
    ContentManagement content;

    @Autowired
    org.gongkai.tables.TableManagement tables;

    @Test
    void theReviewerSeesTheAttachedTableTheChangeNoteAndTheDiffOfANewEdition() throws Exception {
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        var me = identity.principal(clerk).orElseThrow();
        String title = "示范市护理院名录" + UUID.randomUUID().toString().substring(0, 4);
        long node = jdbc.queryForObject("select id from catalogue_node where code = 'ylzy-jgml'", Long.class);
        mvc.perform(post("/admin/documents/new").with(csrf()).with(as(clerk)).param("title", title).param("catalogueNodeId", "" + node)
                .param("bodyHtml", "<p>现将本市护理院名录公布如下。</p><p>城东护理院，床位120张。</p><p>咨询电话见各院公告。</p>"));
        long first = jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
        mvc.perform(post("/admin/documents/{id}/submit", first).with(csrf()).with(as(clerk)));
        mvc.perform(WorkflowIntegrationTests.pass(first).with(as("reviewer")));
        assertThat(jdbc.queryForObject("select state from edition where id = ?", String.class, first)).isEqualTo("PUBLISHED");

        long second;
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(me, null, me.getAuthorities()));
        try {
            EditionView next = content.newEditionFromPublished(content.view(first).documentId(), me);
            content.editDraft(next.editionId(), next.version(), new ContentManagement.DraftInput(title, null, next.writtenOn(),
                    next.summary(), next.keywords(), next.catalogueNodeId(), next.topic(), next.genre(), next.audience(),
                    next.disclosureAttribute(), "<p>现将本市护理院名录公布如下。</p><p>城东护理院，床位150张。</p><p>咨询电话见各院公告。</p>",
                    "城东护理院床位数更正为150张", false, false), me);
            second = next.editionId();
            long template = jdbc.queryForObject("select id from table_template where name = '医疗机构名录'", Long.class);
            long table = tables.createStandalone(me, template, "护理院名录（审查页测试）", org.gongkai.tables.Cadence.IRREGULAR);
            tables.attachToEdition(me, table, second, next.departmentId());
        } finally {
            SecurityContextHolder.clearContext();
        }
        mvc.perform(post("/admin/documents/{id}/submit", second).with(csrf()).with(as(clerk)));

        try (Browser browser = Browser.phone(390, 844)) {
            var driver = browser.driver();
            browser.signIn(baseUrl(), "reviewer", TestAccounts.PASSWORD);
            driver.get(baseUrl() + "/admin/review/" + second);
            assertThat(driver.findElement(By.id("changes-heading")).getText()).isEqualTo("更新说明");
            assertThat(driver.findElement(By.cssSelector(".change-note")).getText()).contains("城东护理院床位数更正为150张");
            assertThat(driver.findElement(By.cssSelector(".diff-lines .diff-removed del")).getText()).contains("城东护理院，床位120张。");
            assertThat(driver.findElement(By.cssSelector(".diff-lines .diff-added ins")).getText()).contains("城东护理院，床位150张。");
            assertThat(driver.findElements(By.cssSelector(".diff-lines .diff-same"))).hasSizeGreaterThanOrEqualTo(2);
            assertThat(driver.findElement(By.cssSelector(".review-tables caption")).getText()).isEqualTo("护理院名录（审查页测试）");
            browser.screenshot("review-everything-390");
            driver.executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id("diff-heading")));
            browser.screenshot("review-everything-390-diff");
            driver.executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id("tables-heading")));
            browser.screenshot("review-everything-390-table");
            assertThat(browser.axeViolations()).isEmpty();
            // three ticks and no opinion: refused with a message, and the three ticks are still there
            for (String k : List.of("noStateSecrets", "noWorkSecrets", "privacyHandled")) {
                driver.findElement(By.id(k)).click();
            }
            driver.findElement(By.cssSelector(".review-form button[type=submit]")).click();
            browser.waiting().until(d -> !d.findElements(By.cssSelector(".flash.alert")).isEmpty());
            for (String k : List.of("noStateSecrets", "noWorkSecrets", "privacyHandled")) {
                assertThat(driver.findElement(By.id(k)).isSelected()).as(k).isTrue();
            }
            assertThat(driver.findElement(By.id("noSecurityRisk")).isSelected()).isFalse();
        }
        try (Browser browser = Browser.desktop()) {
            browser.signIn(baseUrl(), "reviewer", TestAccounts.PASSWORD);
            browser.driver().get(baseUrl() + "/admin/review/" + second);
            browser.screenshot("review-everything-desktop");
            browser.driver().executeScript("arguments[0].scrollIntoView()", browser.driver().findElement(By.id("changes-heading")));
            browser.screenshot("review-everything-desktop-diff");
        }
    }
}
