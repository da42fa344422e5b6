package org.gongkai.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.interaction.Questions.AskCommand;
import org.gongkai.interaction.Questions.PassCommand;
import org.gongkai.support.RuleViolation;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The rules of 政民互动 on real PostgreSQL: what reaches the public (only passed answers whose asker allowed it, never a
 * contact), separation of duties in the review, the clerk's department, the abuse guards of the public form.
 */
class QuestionsIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    Questions questions;

    private StaffPrincipal signedIn(String username) {
        StaffPrincipal p = identity.principal(username).orElseThrow();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities()));
        return p;
    }

    @org.junit.jupiter.api.AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private long department(String name) {
        return jdbc.queryForObject("select id from department where name = ?", Long.class, name);
    }

    private record Asked(long id, String title, String body, String answer, String contact) {
    }

    /** Asks and takes the question as far as the given state ('RECEIVED', 'ASSIGNED', 'ANSWERED', 'RETURNED', 'REPLIED'). */
    private Asked question(String state, boolean mayPublish, String office, String clerk) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String title = "泄露检查标题" + tag;
        String body = "泄露检查正文" + tag;
        String answer = "泄露检查答复" + tag;
        String contact = "leak-" + tag + "@example.cn";
        var receipt = questions.ask(new AskCommand(QuestionTopic.OTHER, title, body, "泄露检查人" + tag, contact, mayPublish, null));
        if (!state.equals("RECEIVED")) {
            signedIn(office);
            questions.assign(receipt.id(), 0, department("医政医管科"));
        }
        if (state.equals("ANSWERED") || state.equals("RETURNED") || state.equals("REPLIED")) {
            questions.answer(receipt.id(), 1, answer, signedIn(clerk));
        }
        if (state.equals("RETURNED")) {
            questions.returnAnswer(receipt.id(), 2, "请补充依据", signedIn(office));
        }
        if (state.equals("REPLIED")) {
            questions.pass(receipt.id(), 2, new PassCommand(title, body, answer, true), signedIn(office));
        }
        SecurityContextHolder.clearContext();
        return new Asked(receipt.id(), title, body, answer, contact);
    }

    private String publicEverything(List<String> probes) throws Exception {
        StringBuilder all = new StringBuilder();
        for (String path : List.of("/", "/questions", "/questions/feed.atom", "/sitemap.xml", "/feed.atom", "/search?q=x")) {
            all.append(mvc.perform(get(path)).andReturn().getResponse().getContentAsString());
        }
        for (var topic : QuestionTopic.values()) {
            all.append(mvc.perform(get("/questions").param("topic", topic.name())).andReturn().getResponse().getContentAsString());
        }
        for (String probe : probes) {
            all.append(mvc.perform(get("/questions").param("q", probe)).andReturn().getResponse().getContentAsString());
            all.append(mvc.perform(get("/search").param("q", probe)).andReturn().getResponse().getContentAsString()
                    .replace(probe, ""));   // the search page echoes the query
        }
        return all.toString();
    }

    @Test
    void onlyPassedAnswersTheAskerAllowedArePublicAndNoContactEver() throws Exception {
        String office = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        List<Asked> hidden = List.of(question("RECEIVED", true, office, clerk), question("ASSIGNED", true, office, clerk),
                question("ANSWERED", true, office, clerk), question("RETURNED", true, office, clerk),
                question("REPLIED", false, office, clerk));
        Asked shown = question("REPLIED", true, office, clerk);
        List<String> probes = new ArrayList<>();
        hidden.forEach(h -> probes.add(h.title().substring(6)));
        probes.add(shown.title().substring(6));
        String everything = publicEverything(probes);
        for (Asked h : hidden) {
            assertThat(everything).doesNotContain(h.title(), h.body(), h.answer(), h.contact(), "/questions/" + h.id() + "\"",
                    "/questions/" + h.id() + "<");
            var page = mvc.perform(get("/questions/{id}", h.id())).andReturn().getResponse();
            assertThat(page.getStatus()).isEqualTo(404);
            assertThat(page.getContentAsString()).doesNotContain(h.title());
        }
        assertThat(everything).contains(shown.title(), "/questions/" + shown.id()).doesNotContain(shown.contact());
        var page = mvc.perform(get("/questions/{id}", shown.id())).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains(shown.answer()).doesNotContain(shown.contact(), "泄露检查人");
        // unknown and unpublished ids answer alike
        var unknown = mvc.perform(get("/questions/{id}", 987654321L)).andReturn().getResponse();
        assertThat(unknown.getContentAsString()).isEqualTo(mvc.perform(get("/questions/{id}", hidden.get(4).id())).andReturn()
                .getResponse().getContentAsString());
        // no contact of any question anywhere public, demo included
        for (String contact : jdbc.queryForList("select contact from question", String.class)) {
            assertThat(everything).doesNotContain(contact);
        }

        // taken off the site, it is gone from every channel
        signedIn(office);
        long version = jdbc.queryForObject("select version from question where id = ?", Long.class, shown.id());
        questions.unpublish(shown.id(), version);
        SecurityContextHolder.clearContext();
        assertThat(publicEverything(List.of(shown.title().substring(6)))).doesNotContain(shown.answer(), shown.title());
        assertThat(mvc.perform(get("/questions/{id}", shown.id())).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aQuestionAskedFromAnItemIsLinkedBothWaysOncePublished() throws Exception {
        String office = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        String item = jdbc.queryForObject("select document_id from public_document where status = 'LIVE' order by document_id limit 1",
                String.class);
        String form = mvc.perform(get("/questions/new").param("related", item)).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("value=\"" + item + "\"");
        var receipt = questions.ask(new AskCommand(QuestionTopic.POLICY, "关联测试标题", "关联测试正文", null, "r@example.cn", true, item));
        signedIn(office);
        questions.assign(receipt.id(), 0, department("医政医管科"));
        questions.answer(receipt.id(), 1, "关联测试答复", signedIn(clerk));
        String itemPage = mvc.perform(get("/items/{id}", item)).andReturn().getResponse().getContentAsString();
        assertThat(itemPage).doesNotContain("/questions/" + receipt.id() + "\"").contains("/questions/new?related=" + item);
        // an anonymous reader's copy, kept in memory and in the database for every node (PageStore)
        SecurityContextHolder.clearContext();
        mvc.perform(get("/items/{id}", item));
        org.gongkai.portal.StoredItemPagesTests.awaitStored(jdbc, item);
        signedIn(office);
        questions.pass(receipt.id(), 2, new PassCommand("关联测试标题", "关联测试正文", "关联测试答复", true), signedIn(office));
        SecurityContextHolder.clearContext();
        // the cached item page was emptied by the publication, and the stored one is no longer current
        itemPage = mvc.perform(get("/items/{id}", item)).andReturn().getResponse().getContentAsString();
        assertThat(itemPage).contains("/questions/" + receipt.id() + "\"", "关联测试标题");
        String qa = mvc.perform(get("/questions/{id}", receipt.id())).andReturn().getResponse().getContentAsString();
        assertThat(qa).contains("/items/" + item);
    }

    @Test
    void theReviewKeepsSeparationOfDutiesAndTheDepartmentAnswersOnlyItsOwn() {
        String office = TestAccounts.create(jdbc, "办公室", "REVIEWER", "CLERK");
        String otherClerk = TestAccounts.create(jdbc, "疾病预防控制科", "CLERK");
        var receipt = questions.ask(new AskCommand(QuestionTopic.POLICY, "分工测试", "分工测试正文", null, "x@example.cn", true, null));
        signedIn(office);
        questions.assign(receipt.id(), 0, department("办公室"));
        StaffPrincipal other = signedIn(otherClerk);
        assertThatThrownBy(() -> questions.answer(receipt.id(), 1, "答复", other))
                .isInstanceOf(RuleViolation.class).hasMessage("question.error.notYourDepartment");
        StaffPrincipal me = signedIn(office);
        questions.answer(receipt.id(), 1, "本科室答复", me);
        assertThatThrownBy(() -> questions.pass(receipt.id(), 2, new PassCommand("分工测试", "分工测试正文", "本科室答复", true), me))
                .isInstanceOf(RuleViolation.class).hasMessage("question.error.ownAnswer");
        assertThat(jdbc.queryForObject("select state from question where id = ?", String.class, receipt.id())).isEqualTo("ANSWERED");
        // a clerk cannot pass at all (the method is the reviewer's)
        signedIn(otherClerk);
        assertThatThrownBy(() -> questions.pass(receipt.id(), 2, new PassCommand("a", "b", "c", true), other))
                .isInstanceOf(org.springframework.security.authorization.AuthorizationDeniedException.class);
    }

    @Test
    void theFormRefusesRobotsAndRepeatedSubmissionsFromOneAddressAndKeepsTheContactOutOfTheLog() throws Exception {
        long before = jdbc.queryForObject("select count(*) from question", Long.class);
        // the honeypot
        var robot = mvc.perform(post("/questions/new").with(csrf()).with(r -> { r.setRemoteAddr("10.9.0.1"); return r; })
                .param("topic", "OTHER").param("title", "机器人").param("body", "机器人").param("contact", "1")
                .param("mayPublish", "YES").param("website", "http://spam.example")).andReturn().getResponse();
        assertThat(robot.getStatus()).isEqualTo(400);
        assertThat(robot.getContentAsString()).contains("留言未能提交");
        assertThat(jdbc.queryForObject("select count(*) from question", Long.class)).isEqualTo(before);
        // three an hour from one address, then 429
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(mvc.perform(post("/questions/new").with(csrf()).with(r -> { r.setRemoteAddr("10.9.0.2"); return r; })
                    .param("topic", "OTHER").param("title", "限流测试" + i).param("body", "限流测试").param("contact", "13800000000")
                    .param("mayPublish", "NO").param("website", "")).andReturn().getResponse().getStatus());
        }
        assertThat(statuses).containsExactly(200, 200, 200, 429);
        assertThat(jdbc.queryForObject("select count(*) from question", Long.class)).isEqualTo(before + 3);
        // a missing field is refused next to it, nothing saved
        var missing = mvc.perform(post("/questions/new").with(csrf()).with(r -> { r.setRemoteAddr("10.9.0.3"); return r; })
                .param("topic", "OTHER").param("title", "缺联系方式").param("body", "正文").param("mayPublish", "YES"))
                .andReturn().getResponse();
        assertThat(missing.getContentAsString()).contains("请填写联系方式", "错误：");
        assertThat(jdbc.queryForObject("select count(*) from question", Long.class)).isEqualTo(before + 3);
    }
}
