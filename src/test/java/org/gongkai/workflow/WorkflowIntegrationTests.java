package org.gongkai.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.TestAccounts;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The review-before-publish path through the real console endpoints, on real PostgreSQL. */
class WorkflowIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    EditionWorkflow workflow;

    long node(String code) {
        return jdbc.queryForObject("select id from catalogue_node where code = ?", Long.class, code);
    }

    long draft(String clerk, String nodeCode, String title, String body) throws Exception {
        mvc.perform(post("/admin/documents/new").with(csrf()).with(as(clerk))
                        .param("title", title).param("catalogueNodeId", "" + node(nodeCode)).param("documentNumber", "示卫规字〔2026〕9号")
                        .param("writtenOn", "2026-03-02").param("topic", "卫生健康").param("genre", "规范性文件")
                        .param("disclosureAttribute", "主动公开").param("bodyHtml", body).param("version", "0"))
                .andExpect(status().is3xxRedirection());
        return jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
    }

    String publicId(long editionId) {
        return jdbc.queryForObject("select d.public_id from document d join edition e on e.document_id = d.id where e.id = ?",
                String.class, editionId);
    }

    String state(long editionId) {
        return jdbc.queryForObject("select state from edition where id = ?", String.class, editionId);
    }

    static MockHttpServletRequestBuilder pass(long id) {
        return post("/admin/review/{id}/pass", id).with(csrf()).param("noStateSecrets", "true").param("noWorkSecrets", "true")
                .param("privacyHandled", "true").param("noCommercialSecrets", "true").param("noSecurityRisk", "true")
                .param("attributeCorrect", "true").param("opinion", "同意公开");
    }

    @Test
    void clerkDraftsReviewerPassesApproverApprovesAndOnlyThenTheItemIsPublic() throws Exception {
        String title = "关于印发示范市医疗机构依法执业自查工作方案的通知" + UUID.randomUUID().toString().substring(0, 4);
        long id = draft("clerk", "zcwj-gfxwj", title, "<p onclick=\"x()\">各医疗机构：</p><script>alert(1)</script><p>现将方案印发给你们。</p>");
        String publicId = publicId(id);
        assertThat(jdbc.queryForObject("select body_html from edition where id = ?", String.class, id))
                .doesNotContain("script", "onclick").contains("现将方案印发给你们。");
        mvc.perform(get("/items/{id}", publicId)).andExpect(status().isNotFound());
        mvc.perform(get("/admin/documents/{id}", id).with(as("clerk2"))).andExpect(status().isNotFound());

        mvc.perform(post("/admin/documents/{id}/submit", id).with(csrf()).with(as("clerk"))).andExpect(status().is3xxRedirection());
        assertThat(state(id)).isEqualTo("SUBMITTED");
        mvc.perform(get("/admin/review").with(as("reviewer"))).andExpect(content().string(Matchers.containsString(title)));

        // the checklist must be complete
        mvc.perform(post("/admin/review/{id}/pass", id).with(csrf()).with(as("reviewer")).param("opinion", "同意"))
                .andExpect(status().is3xxRedirection());
        assertThat(state(id)).isEqualTo("SUBMITTED");
        assertThat(jdbc.queryForObject("select count(*) from confidentiality_review where edition_id = ?", Integer.class, id)).isZero();

        mvc.perform(pass(id).with(as("reviewer"))).andExpect(status().is3xxRedirection());
        assertThat(state(id)).isEqualTo("REVIEWED");
        mvc.perform(get("/items/{id}", publicId)).andExpect(status().isNotFound());

        // a reviewer cannot approve, whatever they post
        mvc.perform(post("/admin/approval/{id}/approve", id).with(csrf()).with(as("reviewer"))).andExpect(status().isForbidden());
        assertThat(state(id)).isEqualTo("REVIEWED");

        mvc.perform(post("/admin/approval/{id}/approve", id).with(csrf()).with(as("approver")).param("opinion", "同意发布"))
                .andExpect(status().is3xxRedirection());
        assertThat(state(id)).isEqualTo("PUBLISHED");
        String index = jdbc.queryForObject("select index_number from public_document where document_id = ?", String.class, publicId);
        mvc.perform(get("/items/{id}", publicId)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString(index), Matchers.containsString(title))));
        assertThat(jdbc.queryForObject("select count(*) from audit_event where object_type = 'edition' and object_id = ?",
                Integer.class, "" + id)).isGreaterThanOrEqualTo(4);
        mvc.perform(get("/admin/review/{id}/sheet", id).with(as("reviewer")))
                .andExpect(content().string(Matchers.containsString("保密审查单")))
                .andExpect(content().string(Matchers.containsString("同意公开")));
    }

    @Test
    void aReturnedEditionShowsTheReasonsAndEditingMakesItADraftAgain() throws Exception {
        String title = "2026年第一季度生活饮用水水质监测情况" + UUID.randomUUID().toString().substring(0, 4);
        long id = draft("clerk", "ggws-ysws", title, "<p>监测情况如下。</p>");
        mvc.perform(post("/admin/documents/{id}/submit", id).with(csrf()).with(as("clerk")));
        mvc.perform(post("/admin/review/{id}/return", id).with(csrf()).with(as("reviewer")).param("reason", ""))
                .andExpect(status().is3xxRedirection());
        assertThat(state(id)).isEqualTo("SUBMITTED");
        mvc.perform(post("/admin/review/{id}/return", id).with(csrf()).with(as("reviewer")).param("reason", "请补充各监测点的检测指标"));
        assertThat(state(id)).isEqualTo("RETURNED");
        mvc.perform(get("/admin/documents/{id}", id).with(as("clerk")))
                .andExpect(content().string(Matchers.containsString("请补充各监测点的检测指标")));
        long version = jdbc.queryForObject("select version from edition where id = ?", Long.class, id);
        mvc.perform(post("/admin/documents/{id}/edit", id).with(csrf()).with(as("clerk")).param("title", title)
                .param("catalogueNodeId", "" + node("ggws-ysws")).param("bodyHtml", "<p>已补充指标。</p>").param("version", "" + version))
                .andExpect(status().is3xxRedirection());
        assertThat(state(id)).isEqualTo("DRAFT");
    }

    @Test
    void aStaleSaveIsRefusedAndTheTypedTextIsKept() throws Exception {
        String title = "传染病疫情概况" + UUID.randomUUID().toString().substring(0, 4);
        long id = draft("clerk", "ggws-crb", title, "<p>初稿</p>");
        long version = jdbc.queryForObject("select version from edition where id = ?", Long.class, id);
        mvc.perform(post("/admin/documents/{id}/edit", id).with(csrf()).with(as("clerk")).param("title", title + "（甲）")
                .param("catalogueNodeId", "" + node("ggws-crb")).param("bodyHtml", "<p>甲的修改</p>").param("version", "" + version))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/admin/documents/{id}/edit", id).with(csrf()).with(as("clerk")).param("title", title + "（乙）")
                        .param("catalogueNodeId", "" + node("ggws-crb")).param("bodyHtml", "<p>乙认真写的一段话</p>").param("version", "" + version))
                .andExpect(status().isConflict())
                .andExpect(content().string(Matchers.containsString("已被他人修改")))
                .andExpect(content().string(Matchers.containsString(title + "（甲）")))
                .andExpect(content().string(Matchers.containsString("乙认真写的一段话")));
        assertThat(jdbc.queryForObject("select body_html from edition where id = ?", String.class, id)).contains("甲的修改");
    }

    @Test
    void twoReviewersPassingAtOnceLeaveExactlyOneReviewRecord() throws Exception {
        String title = "双随机抽查结果公示" + UUID.randomUUID().toString().substring(0, 4);
        long id = draft("clerk3", "jdzf-sjs", title, "<p>抽查结果如下。</p>");
        mvc.perform(post("/admin/documents/{id}/submit", id).with(csrf()).with(as("clerk3")));
        String second = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (String reviewer : List.of("reviewer", second)) {
            statuses.add(pool.submit(() -> {
                start.await();
                return mvc.perform(pass(id).with(as(reviewer))).andReturn().getResponse().getStatus();
            }));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : statuses) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertThat(codes).containsExactlyInAnyOrder(302, 409);
        assertThat(jdbc.queryForObject("select count(*) from confidentiality_review where edition_id = ?", Integer.class, id)).isEqualTo(1);
        assertThat(state(id)).isEqualTo("PUBLISHED");
    }

    @Test
    void aSubmitterWhoIsAlsoAReviewerCannotPassTheirOwnSubmission() throws Exception {
        String both = TestAccounts.create(jdbc, "疾病预防控制科", "CLERK", "REVIEWER");
        String title = "预防接种门诊名单" + UUID.randomUUID().toString().substring(0, 4);
        long id = draft(both, "ggws-yfjz", title, "<p>名单</p>");
        mvc.perform(post("/admin/documents/{id}/submit", id).with(csrf()).with(as(both)));
        mvc.perform(pass(id).with(as(both))).andExpect(status().isForbidden())
                .andExpect(content().string(Matchers.containsString("不能审查或审定自己提交的信息")));
        assertThat(state(id)).isEqualTo("SUBMITTED");
    }

    @Test
    void forcePublicationIsFlaggedUntilTheRetrospectiveReviewAndWithdrawalAndUnpublishingWork() throws Exception {
        // published on 2026-06-01, so that the withdrawal effective 06-30 is after both 成文日期 and first publication
        testClock.fix(java.time.LocalDate.of(2026, 6, 1));
        String title = "关于发生一起聚集性疫情的情况通报" + UUID.randomUUID().toString().substring(0, 4);
        long id = draft("clerk", "yjgl", title, "<p>情况通报。</p>");
        mvc.perform(post("/admin/documents/{id}/force-publish", id).with(csrf()).with(as("approver")).param("reason", ""));
        assertThat(state(id)).isEqualTo("DRAFT");
        mvc.perform(post("/admin/documents/{id}/force-publish", id).with(csrf()).with(as("approver")).param("reason", "突发事件须5小时内发布"));
        assertThat(state(id)).isEqualTo("PUBLISHED");
        mvc.perform(get("/admin/review").with(as("reviewer"))).andExpect(content().string(Matchers.containsString(title)));
        mvc.perform(post("/admin/review/{id}/retrospective", id).with(csrf()).with(as("reviewer")).param("noStateSecrets", "true")
                .param("noWorkSecrets", "true").param("privacyHandled", "true").param("noCommercialSecrets", "true")
                .param("noSecurityRisk", "true").param("attributeCorrect", "true").param("opinion", "事后审查无问题"));
        assertThat(workflow.awaitingRetrospectiveReview()).doesNotContain(id);

        String publicId = publicId(id);
        mvc.perform(post("/admin/documents/{id}/withdraw", id).with(csrf()).with(as("reviewer")).param("validity", "EXPIRED")
                .param("effectiveOn", "2026-06-30").param("reason", "疫情已结束"));
        assertThat(state(id)).isEqualTo("WITHDRAWN");
        mvc.perform(get("/items/{id}", publicId)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("本文件已失效")));
        mvc.perform(post("/admin/documents/{id}/unpublish", id).with(csrf()).with(as("reviewer")).param("reason", "x"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/documents/{id}/unpublish", id).with(csrf()).with(as("approver")).param("reason", "含有未脱敏的个人信息"));
        assertThat(state(id)).isEqualTo("UNPUBLISHED");
        mvc.perform(get("/items/{id}", publicId)).andExpect(status().isGone());
    }

    @Test
    void aScheduledEditionIsPublishedByTheSchedulerExactlyOnce() throws Exception {
        String title = "2026年5月法定传染病疫情概况" + UUID.randomUUID().toString().substring(0, 4);
        long id = draft("clerk", "ggws-crb", title, "<p>疫情概况。</p>");
        mvc.perform(post("/admin/documents/{id}/submit", id).with(csrf()).with(as("clerk")));
        mvc.perform(pass(id).with(as("reviewer")).param("publishAt", "2099-01-01T09:00")).andExpect(status().is3xxRedirection());
        assertThat(state(id)).isEqualTo("SCHEDULED");
        assertThat(workflow.publishDue()).isZero();
        jdbc.update("update edition_workflow set scheduled_for = now() - interval '1 minute' where edition_id = ?", id);
        assertThat(workflow.publishDue()).isEqualTo(1);
        assertThat(workflow.publishDue()).isZero();
        assertThat(state(id)).isEqualTo("PUBLISHED");
        assertThat(jdbc.queryForList("""
                select distinct actor from audit_event where object_type = 'edition' and object_id = ?
                  and action in ('edition.published', 'edition.publishedOnSchedule')""", String.class, String.valueOf(id)))
                .as("the scheduler is named, not anonymous").containsExactly("system:scheduler");
    }

    @Test
    void aNewEditionOfAPublishedDocumentStartsFromACopyAndSupersedesItWithAChangeNote() throws Exception {
        String title = "医疗机构名录" + UUID.randomUUID().toString().substring(0, 4);
        long first = draft("clerk2", "ylzy-jgml", title, "<p>名录（第一版）</p>");
        mvc.perform(post("/admin/documents/{id}/submit", first).with(csrf()).with(as("clerk2")));
        mvc.perform(pass(first).with(as("reviewer")));
        mvc.perform(post("/admin/documents/{id}/new-edition", first).with(csrf()).with(as("clerk2"))).andExpect(status().is3xxRedirection());
        long second = jdbc.queryForObject("select e2.id from edition e1 join edition e2 on e2.document_id = e1.document_id and e2.number = 2 where e1.id = ?",
                Long.class, first);
        assertThat(jdbc.queryForObject("select body_html from edition where id = ?", String.class, second)).contains("名录（第一版）");
        long version = jdbc.queryForObject("select version from edition where id = ?", Long.class, second);
        mvc.perform(post("/admin/documents/{id}/edit", second).with(csrf()).with(as("clerk2")).param("title", title)
                .param("catalogueNodeId", "" + node("ylzy-jgml")).param("bodyHtml", "<p>名录（第二版）</p>")
                .param("changeNote", "新增两家社区卫生服务站").param("version", "" + version));
        mvc.perform(post("/admin/documents/{id}/submit", second).with(csrf()).with(as("clerk2")));
        mvc.perform(pass(second).with(as("reviewer")));
        assertThat(state(first)).isEqualTo("SUPERSEDED");
        assertThat(state(second)).isEqualTo("PUBLISHED");
        mvc.perform(get("/items/{id}", publicId(first))).andExpect(content().string(Matchers.allOf(
                Matchers.containsString("名录（第二版）"), Matchers.containsString("新增两家社区卫生服务站"))));
    }

    @Test
    void aDraftIsPreviewedWithThePublicTemplateOnlyByThoseWhoMaySeeIt() throws Exception {
        String title = "预览测试：传染病防控提示" + UUID.randomUUID().toString().substring(0, 4);
        long id = draft("clerk", "ggws-crb", title, "<p>请做好防护。</p>");
        mvc.perform(get("/admin/documents/{id}/preview", id).with(as("clerk"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("预览：这是发布后公众将看到的样子"),
                        Matchers.containsString("class=\"meta\""), Matchers.containsString("请做好防护。"))));
        mvc.perform(get("/admin/documents/{id}/preview", id).with(as("clerk2"))).andExpect(status().isNotFound());
        mvc.perform(get("/admin/documents/{id}/preview", id)).andExpect(status().is3xxRedirection());
    }
}
