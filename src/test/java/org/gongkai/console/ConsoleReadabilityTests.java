package org.gongkai.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.audit.AuditTrail;
import org.gongkai.audit.SystemActor;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** What staff read in the console (#18): audit summaries, year headings, chart settings and the tables page. */
class ConsoleReadabilityTests extends AbstractIntegrationTest {

    @Autowired
    AuditTrail audit;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    org.gongkai.tables.TableManagement tables;

    @Test
    void auditSummariesShowNamesAndLocalTimesNotUsernamesInstantsOrIds() throws Exception {
        long department = jdbc.queryForObject("select id from department where name = '医政医管科'", Long.class);
        String marker = "readable-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        transactions.executeWithoutResult(s -> {
            audit.recordAs(SystemActor.actor(SystemActor.SCHEDULER), "", "test.readable", "account", marker,
                    "连续5次登录失败，锁定至 2026-11-29T14:24:24.380428421Z；科室#" + department + " → 科室#" + department);
            audit.recordAs("clerk2", "CLERK", "test.readable", "account", marker, "修改");
        });
        String page = mvc.perform(get("/admin/audit").param("objectId", marker).with(as("auditor")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("锁定至 2026-11-29 22:24:24", "医政医管科 → 医政医管科", "系统（scheduler）", "王芳")
                .doesNotContain("2026-11-29T14:24:24", "科室#" + department, ">anonymous<");
    }

    @Test
    void yearHeadingsHaveNoThousandsSeparator() throws Exception {
        String statistics = mvc.perform(get("/admin/requests/statistics").param("year", "2026").with(as("reviewer")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(statistics).contains("2026年依申请公开统计").doesNotContain("2,026");
        String calendar = mvc.perform(get("/admin/calendar").param("year", "2026").with(as("sysadmin")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(calendar).contains("2026年工作日历").doesNotContain("2,026");
    }

    @Test
    void theChartFormNeverOffersTheCategoryColumnAsAValueAndRefusesIt() throws Exception {
        // a table of its own (the demo's resource table may already be published with an item by another test)
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        var me = identity.principal(clerk).orElseThrow();
        long template = jdbc.queryForObject("select id from table_template where name = '医疗卫生资源概况'", Long.class);
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(me, null, me.getAuthorities()));
        long id;
        try {
            id = tables.createStandalone(me, template, "资源概况（图表设置测试）" + java.util.UUID.randomUUID().toString().substring(0, 4),
                    org.gongkai.tables.Cadence.YEARLY);
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        String form = mvc.perform(get("/admin/tables/{id}/chart", id).with(as(clerk)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("id=\"v-beds_per_1000\"").doesNotContain("id=\"v-year\"");
        String refused = mvc.perform(post("/admin/tables/{id}/chart", id).with(csrf()).with(as(clerk)).param("type", "BAR")
                        .param("categoryKey", "year").param("valueKeys", "year", "beds_per_1000"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("分类列不能同时作为数值列");
        String list = mvc.perform(get("/admin/tables").with(as(clerk))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("关联到该信息").doesNotContain("上线后");
    }

    @Test
    void aReturnIsNotPrintedAsSixNoesAndTicksSurviveAValidationError() throws Exception {
        String clerk = TestAccounts.create(jdbc, "基层卫生健康科", "CLERK");
        long node = jdbc.queryForObject("select id from catalogue_node where code = 'jkcj'", Long.class);
        String title = "审查单测试" + java.util.UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(post("/admin/documents/new").with(csrf()).with(as(clerk)).param("title", title).param("catalogueNodeId", "" + node)
                .param("bodyHtml", "<p>健康科普。</p>"));
        long edition = jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
        mvc.perform(post("/admin/documents/{id}/submit", edition).with(csrf()).with(as(clerk)));
        // three ticks and no opinion: refused, and the three ticks are still there
        mvc.perform(post("/admin/review/{id}/pass", edition).with(csrf()).with(as("reviewer"))
                        .param("noStateSecrets", "true").param("noWorkSecrets", "true").param("privacyHandled", "true"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("checked",
                        java.util.Set.of("noStateSecrets", "noWorkSecrets", "privacyHandled")));
        // (that the page ticks them again is checked in a real browser: BrowserReviewShowsEverythingTests)
        mvc.perform(post("/admin/review/{id}/return", edition).with(csrf()).with(as("reviewer")).param("reason", "请补充发布机构。"));
        String sheet = mvc.perform(get("/admin/review/{id}/sheet", edition).with(as("reviewer")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(sheet).contains("退回，未逐项确认审查要点").doesNotContain("☐ 否");
    }
}
