package org.gongkai.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.support.RuleViolation;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The rules of 意见征集 on real PostgreSQL: the window, the abuse guard, masking, the phases and what the public may see. */
class ConsultationsIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    Consultations consultations;

    @Autowired
    ProposalReplies proposals;

    private StaffPrincipal clerk() {
        return identity.principal(TestAccounts.create(jdbc, "医政医管科", "CLERK")).orElseThrow();
    }

    private Consultations.Draft draft(String title, LocalDate opens, LocalDate closes, String reason) {
        return new Consultations.Draft(title, "<p>第一条 草案。</p><script>alert(1)</script>", "背景", "依据", "主要内容", opens, closes, reason,
                "在线提交。", false);
    }

    /** Publishes the consultation's edition straight through the workflow's tables-free path: review by SQL is not allowed, so use the API. */
    private String publish(long id, StaffPrincipal clerk) {
        long edition = consultations.overview(id, clerk).editionId();
        workflowPublish(edition);
        return consultations.overview(id, clerk).publicId();
    }

    @Autowired
    org.gongkai.workflow.EditionWorkflow workflow;

    private void workflowPublish(long editionId) {
        StaffPrincipal author = identity.principal(jdbc.queryForObject(
                "select u.username from edition e join staff_user u on u.id = e.created_by where e.id = ?", String.class, editionId)).orElseThrow();
        StaffPrincipal reviewer = identity.principal(TestAccounts.create(jdbc, "办公室", "REVIEWER")).orElseThrow();
        StaffPrincipal approver = identity.principal(TestAccounts.create(jdbc, "办公室", "APPROVER")).orElseThrow();
        workflow.submit(editionId, author);
        workflow.passReview(editionId, new org.gongkai.workflow.Checklist(true, true, true, true, true, true), "同意。", "已核对。", false,
                null, reviewer);
        workflow.approve(editionId, "同意。", null, approver);
    }

    @Test
    void aShortWindowNeedsAReasonAndTheBodyCarriesTheExplanationSanitised() {
        testClock.fix(LocalDate.of(2026, 12, 1));
        StaffPrincipal clerk = clerk();
        String title = "短期限测试" + UUID.randomUUID().toString().substring(0, 6);
        assertThatThrownBy(() -> consultations.create(draft(title, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 29), null), clerk))
                .isInstanceOf(RuleViolation.class).extracting("field").isEqualTo("shortWindowReason");
        assertThat(jdbc.queryForObject("select count(*) from edition where title = ?", Long.class, title)).as("nothing half-saved").isZero();
        // 30 days counting both ends is enough
        long id = consultations.create(draft(title, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 30), "ignored"), clerk);
        assertThat(jdbc.queryForObject("select short_window_reason from consultation where id = ?", String.class, id)).isNull();
        String body = jdbc.queryForObject("select e.body_html from edition e join consultation c on c.document_id = e.document_id where c.id = ?",
                String.class, id);
        assertThat(body).contains("起草说明", "一、起草背景", "二、起草依据", "三、主要内容", "2026年12月1日至2026年12月30日（共30日）")
                .doesNotContain("<script");
        assertThat(jdbc.queryForObject("select n.code from edition e join catalogue_node n on n.id = e.catalogue_node_id "
                + "join consultation c on c.document_id = e.document_id where c.id = ?", String.class, id)).isEqualTo("yjzj");
    }

    @Test
    void commentsAreGuardedAndRefusedOutsideTheWindow() throws Exception {
        testClock.fix(LocalDate.of(2026, 12, 2));
        StaffPrincipal clerk = clerk();
        long id = consultations.create(new Consultations.Draft("署名测试" + UUID.randomUUID().toString().substring(0, 6), "<p>草案</p>",
                "背景", "依据", "内容", LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 31), null, "在线。", true), clerk);
        String publicId = publish(id, clerk);
        // the name is required by this consultation
        var noName = mvc.perform(post("/consultations/{id}/comments", publicId).with(csrf()).param("body", "意见").param("website", "")
                .with(r -> { r.setRemoteAddr("10.9.0.1"); return r; })).andReturn().getResponse();
        assertThat(noName.getStatus()).isEqualTo(400);
        assertThat(noName.getContentAsString()).contains("请填写姓名。", "错误：");
        // the honeypot refuses and stores nothing
        var robot = mvc.perform(post("/consultations/{id}/comments", publicId).with(csrf()).param("body", "买药").param("name", "机器人")
                .param("website", "http://spam.example").with(r -> { r.setRemoteAddr("10.9.0.2"); return r; })).andReturn().getResponse();
        assertThat(robot.getStatus()).isEqualTo(400);
        assertThat(count(id)).isZero();
        // five per address and hour, then 429
        for (int i = 0; i < Consultations.COMMENTS_PER_HOUR; i++) {
            int n = i;
            var ok = mvc.perform(post("/consultations/{id}/comments", publicId).with(csrf()).param("body", "意见" + n).param("name", "张三")
                    .param("contact", "zhang@example.cn").param("website", "").with(r -> { r.setRemoteAddr("10.9.0.3"); return r; }))
                    .andReturn().getResponse();
            assertThat(ok.getStatus()).isEqualTo(200);
            assertThat(ok.getContentAsString()).contains("回执编号");
        }
        var tooMany = mvc.perform(post("/consultations/{id}/comments", publicId).with(csrf()).param("body", "第六条").param("name", "张三")
                .param("website", "").with(r -> { r.setRemoteAddr("10.9.0.3"); return r; })).andReturn().getResponse();
        assertThat(tooMany.getStatus()).isEqualTo(429);
        assertThat(tooMany.getContentAsString()).contains("提交过于频繁");
        assertThat(count(id)).isEqualTo(Consultations.COMMENTS_PER_HOUR);
        // the address is not stored, only its salted hash
        assertThat(jdbc.queryForObject("select count(*) from consultation_throttle where client_key like '%10.9.0.3%'", Long.class)).isZero();

        // before the window opens and after it closes, nothing is accepted
        testClock.fix(LocalDate.of(2027, 1, 1));
        var closed = mvc.perform(post("/consultations/{id}/comments", publicId).with(csrf()).param("body", "晚了").param("name", "李四")
                .param("website", "").with(r -> { r.setRemoteAddr("10.9.0.4"); return r; })).andReturn().getResponse();
        assertThat(closed.getStatus()).isEqualTo(400);
        assertThat(count(id)).isEqualTo(Consultations.COMMENTS_PER_HOUR);
        assertThat(mvc.perform(get("/consultations/{id}", publicId)).andReturn().getResponse().getContentAsString())
                .contains("已结束").doesNotContain("zhang@example.cn").doesNotContain("id=\"comment\"");
    }

    @Test
    void feedbackNeedsEveryCommentMarkedAndQuotesThemMasked() {
        testClock.fix(LocalDate.of(2026, 12, 3));
        StaffPrincipal clerk = clerk();
        long id = consultations.create(draft("反馈测试" + UUID.randomUUID().toString().substring(0, 6), LocalDate.of(2026, 12, 3),
                LocalDate.of(2027, 1, 1), null), clerk);
        String publicId = publish(id, clerk);
        consultations.comment(publicId, new Consultations.CommentInput("王五", "wang@example.cn",
                "我的手机13912345678，邮箱wang@example.cn，座机020-87654321，建议修改第一条。", ""), "10.9.1.1");
        consultations.recordComment(id, CommentChannel.LETTER, "赵六", "来信建议。", LocalDate.of(2026, 12, 3), clerk);
        assertThatThrownBy(() -> consultations.draftFeedback(id, "说明", clerk)).isInstanceOf(RuleViolation.class)
                .extracting("messageKey").isEqualTo("consultation.error.notClosed");
        testClock.fix(LocalDate.of(2027, 1, 2));
        var comments = consultations.comments(id, clerk);
        assertThatThrownBy(() -> consultations.decide(id, comments.get(0).id(), comments.get(0).version(), CommentDecision.NOT_ADOPTED, " ", clerk))
                .isInstanceOf(RuleViolation.class).extracting("field").isEqualTo("reason");
        consultations.decide(id, comments.get(0).id(), comments.get(0).version(), CommentDecision.ADOPTED, null, clerk);
        assertThatThrownBy(() -> consultations.draftFeedback(id, "说明", clerk)).isInstanceOf(RuleViolation.class)
                .extracting("messageKey").isEqualTo("consultation.error.undecided");
        consultations.decide(id, comments.get(1).id(), comments.get(1).version(), CommentDecision.NOT_ADOPTED, "与上位法不一致。", clerk);
        var stats = consultations.statistics(id, clerk);
        assertThat(stats.total()).isEqualTo(2);
        assertThat(stats.byChannel().get(CommentChannel.WEB)).isEqualTo(1);
        assertThat(stats.byChannel().get(CommentChannel.LETTER)).isEqualTo(1);
        assertThat(stats.adopted()).isEqualTo(1);
        assertThat(stats.notAdopted()).isEqualTo(1);
        long feedback = consultations.draftFeedback(id, "经研究，采纳意见1条。", clerk);
        String body = jdbc.queryForObject("select body_html from edition where id = ?", String.class, feedback);
        assertThat(body).contains("139****5678", "***&#64;***", "020-****", "采纳", "未采纳", "与上位法不一致", "网上留言1条", "信函1条")
                .doesNotContain("13912345678").doesNotContain("wang@example.cn").doesNotContain("87654321")
                .doesNotContain("王五").doesNotContain("赵六");
        assertThat(consultations.overview(id, clerk).phase()).isEqualTo(ConsultationPhase.CLOSED);
        workflowPublish(feedback);
        assertThat(consultations.overview(id, clerk).phase()).isEqualTo(ConsultationPhase.ANSWERED);
        assertThat(consultations.publicView(publicId).orElseThrow().feedback()).isNotNull();
        // once the feedback is published, decisions are frozen
        var marked = consultations.comments(id, clerk);
        assertThatThrownBy(() -> consultations.decide(id, marked.get(0).id(), marked.get(0).version(), CommentDecision.PARTLY, "改", clerk))
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    void anotherDepartmentSeesNothingAndTheDashboardListsOverdueFeedback() throws Exception {
        testClock.fix(LocalDate.of(2026, 12, 4));
        StaffPrincipal clerk = clerk();
        String title = "逾期反馈测试" + UUID.randomUUID().toString().substring(0, 6);
        long id = consultations.create(draft(title, LocalDate.of(2026, 12, 4), LocalDate.of(2027, 1, 2), null), clerk);
        publish(id, clerk);
        StaffPrincipal other = identity.principal(TestAccounts.create(jdbc, "疾病预防控制科", "CLERK")).orElseThrow();
        assertThatThrownBy(() -> consultations.comments(id, other)).isInstanceOf(org.gongkai.infrastructure.NotFoundException.class);
        assertThat(consultations.forStaff(other)).noneMatch(c -> c.id() == id);

        testClock.fix(LocalDate.of(2027, 2, 1)); // 30 days after closing: not yet overdue
        assertThat(consultations.overdueFeedback()).noneMatch(o -> o.id() == id);
        testClock.fix(LocalDate.of(2027, 2, 2));
        assertThat(consultations.overdueFeedback()).anyMatch(o -> o.id() == id && o.daysSinceClosing() == 31);
        String reviewer = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        assertThat(mvc.perform(get("/admin/compliance").with(as(reviewer))).andReturn().getResponse().getContentAsString())
                .contains("意见征集反馈逾期", title);
    }

    @Test
    void demoCommentsAndContactsNeverReachAPublicChannel() throws Exception {
        List<String> secrets = new java.util.ArrayList<>();
        secrets.addAll(jdbc.queryForList("select contact from consultation_comment where contact is not null", String.class));
        secrets.addAll(jdbc.queryForList("select commenter_name from consultation_comment where commenter_name is not null", String.class));
        // a comment's words reach the public only as the masked quote inside a reviewed feedback
        secrets.addAll(jdbc.queryForList("""
                select m.body from consultation_comment m join consultation c on c.id = m.consultation_id
                where c.feedback_document_id is null""", String.class));
        jdbc.queryForList("select body from consultation_comment", String.class).stream()
                .filter(body -> !Consultations.quote(body).equals(body.strip())).forEach(secrets::add);
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(6);
        StringBuilder everything = new StringBuilder();
        List<String> paths = new java.util.ArrayList<>(List.of("/", "/consultations", "/consultations/feed.atom", "/feed.atom", "/sitemap.xml",
                "/catalogue/yjzj", "/catalogue/yjzj/feed.atom", "/data", "/data.json"));
        for (String id : jdbc.queryForList("select d.public_id from consultation c join document d on d.id = c.document_id "
                + "union select d.public_id from consultation c join document d on d.id = c.feedback_document_id", String.class)) {
            paths.add("/consultations/" + id);
            paths.add("/items/" + id);
        }
        for (String path : paths) {
            everything.append(mvc.perform(get(path)).andReturn().getResponse().getContentAsString());
        }
        assertThat(everything.toString()).contains("意见采纳情况").contains("已反馈").contains("征集中");
        for (String secret : secrets) {
            assertThat(everything.toString()).as(secret).doesNotContain(secret);
            String probe = secret.length() > 10 ? secret.substring(0, 10) : secret;
            String results = mvc.perform(get("/search").param("q", probe)).andReturn().getResponse().getContentAsString();
            assertThat(results.replace(probe, "")).as("search for " + probe).doesNotContain(secret);
        }
    }

    @Test
    void proposalRepliesAreCountedForTheAnnualReportOnceFirstPublished() {
        testClock.fix(LocalDate.of(2026, 12, 5));
        StaffPrincipal clerk = clerk();
        var before = proposals.publishedIn(2026, testClock.getZone());
        String number = "第" + (1000 + new java.util.Random().nextInt(8999)) + "号";
        long edition = proposals.create(new ProposalReplies.Input(ProposalReplies.Kind.CPPCC, number, 2026, "关于提案" + number + "的答复",
                "<p>答复全文。</p>", null), clerk);
        assertThatThrownBy(() -> proposals.create(new ProposalReplies.Input(ProposalReplies.Kind.CPPCC, number, 2026, "重复",
                "<p>答复。</p>", null), clerk)).isInstanceOf(RuleViolation.class).extracting("field").isEqualTo("proposalNumber");
        assertThat(proposals.publishedIn(2026, testClock.getZone())).isEqualTo(before);
        workflowPublish(edition);
        var after = proposals.publishedIn(2026, testClock.getZone());
        assertThat(after.get(ProposalReplies.Kind.CPPCC)).isEqualTo(before.get(ProposalReplies.Kind.CPPCC) + 1);
        assertThat(after.get(ProposalReplies.Kind.NPC)).isEqualTo(before.get(ProposalReplies.Kind.NPC));
        assertThat(jdbc.queryForObject("select n.code from edition e join catalogue_node n on n.id = e.catalogue_node_id where e.id = ?",
                String.class, edition)).isEqualTo("jyta");
    }

    @Test
    void aQrCodeCanLeadToAConsultation() throws Exception {
        String publicId = jdbc.queryForObject("select d.public_id from consultation c join document d on d.id = c.document_id "
                + "join public_document p on p.document_id = d.public_id order by c.id limit 1", String.class);
        String title = "意见征集二维码" + UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(post("/admin/qr").with(csrf()).with(as("sysadmin")).param("title", title).param("locationLabel", "政务服务大厅")
                .param("targetType", "CONSULTATION").param("targetKey", publicId))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().is3xxRedirection());
        String code = jdbc.queryForObject("select code from qr_code where title = ?", String.class, title);
        mvc.perform(get("/q/{code}", code))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/consultations/" + publicId));
        assertThat(mvc.perform(get("/consultations/{id}", publicId)).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    private long count(long id) {
        return jdbc.queryForObject("select count(*) from consultation_comment where consultation_id = ?", Long.class, id);
    }
}
