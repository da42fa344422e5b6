package org.gongkai.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 满意度评价: the guard (one rating per address, page and period; a rate limit over all pages), no address stored, and the
 * console chart built from exactly the stored ratings.
 */
class RatingsIntegrationTests extends AbstractIntegrationTest {

    private String item() {
        return jdbc.queryForObject("""
                select d.document_id from public_document d where d.status = 'LIVE' order by d.document_id desc limit 1""", String.class);
    }

    private MockHttpServletResponse rate(String address, String kind, String target, String score, String comment) throws Exception {
        return mvc.perform(post("/ratings").with(csrf()).with(r -> {
            r.setRemoteAddr(address);
            return r;
        }).param("kind", kind).param("target", target).param("score", score).param("comment", comment)).andReturn().getResponse();
    }

    private long count(String target) {
        return jdbc.queryForObject("select count(*) from rating where target_id = ?", Long.class, target);
    }

    @Test
    void oneRatingPerAddressPageAndPeriod() throws Exception {
        testClock.fix(LocalDate.of(2026, 10, 12));
        String item = item();
        long before = count(item);
        var first = rate("203.0.113.7", "ITEM", item, "SATISFIED", "很有用，电话13812345678");
        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(first.getContentAsString()).contains("感谢您的评价");
        // the same address again, with another score: refused, nothing stored
        var again = rate("203.0.113.7", "ITEM", item, "UNSATISFIED", "");
        assertThat(again.getContentAsString()).contains("已评价过本页");
        assertThat(count(item)).isEqualTo(before + 1);
        // another address may
        assertThat(rate("203.0.113.8", "ITEM", item, "PARTLY", "").getContentAsString()).contains("感谢您的评价");
        assertThat(count(item)).isEqualTo(before + 2);
        // 29 days later still refused, 31 days later allowed again
        testClock.fix(LocalDate.of(2026, 11, 10));
        assertThat(rate("203.0.113.7", "ITEM", item, "PARTLY", "").getContentAsString()).contains("已评价过本页");
        testClock.fix(LocalDate.of(2026, 11, 12));
        assertThat(rate("203.0.113.7", "ITEM", item, "PARTLY", "").getContentAsString()).contains("感谢您的评价");
        assertThat(count(item)).isEqualTo(before + 3);
        // no address is stored, only a salted hash that differs per page; the phone number in the comment is masked
        List<Map<String, Object>> rows = jdbc.queryForList("select * from rating where target_id = ? order by id desc limit 3", item);
        for (Map<String, Object> row : rows) {
            assertThat(row.values().toString()).doesNotContain("203.0.113");
            assertThat((String) row.get("client_key")).hasSize(64);
        }
        assertThat(jdbc.queryForList("select comment from rating where target_id = ? and comment is not null", String.class, item))
                .contains("很有用，电话138****5678");
        // an unknown or unpublished target is not rated
        assertThat(rate("203.0.113.9", "ITEM", "zzzzzzzzzz", "SATISFIED", "").getStatus()).isEqualTo(404);
        assertThat(rate("203.0.113.9", "QUESTION", "987654321", "SATISFIED", "").getStatus()).isEqualTo(404);
        // a score is required; the honeypot refuses
        assertThat(rate("203.0.113.9", "ITEM", item, "", "").getContentAsString()).contains("请选择满意、基本满意或不满意");
        var robot = mvc.perform(post("/ratings").with(csrf()).with(r -> {
            r.setRemoteAddr("203.0.113.10");
            return r;
        }).param("kind", "ITEM").param("target", item).param("score", "SATISFIED").param("website", "x")).andReturn().getResponse();
        assertThat(robot.getStatus()).isEqualTo(400);
        assertThat(count(item)).isEqualTo(before + 3);
    }

    @Test
    void oneAddressCannotRateMoreThanThirtyPagesAnHour() throws Exception {
        List<String> targets = jdbc.queryForList("""
                select d.document_id from public_document d where d.status = 'LIVE' order by d.document_id limit 32""", String.class);
        assertThat(targets).hasSize(32);
        List<Integer> statuses = new ArrayList<>();
        for (String target : targets) {
            statuses.add(rate("203.0.113.50", "ITEM", target, "SATISFIED", "").getStatus());
        }
        assertThat(statuses.subList(0, Ratings.PER_HOUR)).containsOnly(200);
        assertThat(statuses.subList(Ratings.PER_HOUR, 32)).containsOnly(429);
    }

    @Test
    void theItemPageOffersTheRatingWithoutMakingItUncacheable() throws Exception {
        String item = item();
        String page = mvc.perform(get("/items/{id}", item)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("本页信息对您有帮助吗", "action=\"/ratings\"", "value=\"SATISFIED\"").doesNotContain("name=\"_csrf\"");
        String form = mvc.perform(get("/ratings").param("kind", "ITEM").param("target", item).param("score", "PARTLY"))
                .andReturn().getResponse().getContentAsString();
        assertThat(form).contains("name=\"_csrf\"").containsPattern("id=\"score-PARTLY\"[^>]*checked");
    }

    @Test
    void theConsoleChartShowsExactlyTheStoredRatings() throws Exception {
        String html = mvc.perform(get("/admin/ratings").with(as("reviewer"))).andReturn().getResponse().getContentAsString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-chart-option=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the chart is on the page").isTrue();
        JsonNode option = JsonMapper.builder().build().readTree(org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1)));
        List<String> months = new ArrayList<>();
        option.get("xAxis").get("data").forEach(n -> months.add(n.asString()));
        assertThat(months).hasSize(12);
        Map<String, Map<String, Long>> stored = new HashMap<>();
        jdbc.query("select to_char(rated_on, 'YYYY-MM'), score, count(*) from rating group by 1, 2", rs -> {
            stored.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
        });
        assertThat(stored).as("the demo has ratings").isNotEmpty();
        String[] scores = {"SATISFIED", "PARTLY", "UNSATISFIED"};
        long shownTotal = 0;
        for (int s = 0; s < 3; s++) {
            JsonNode data = option.get("series").get(s).get("data");
            for (int i = 0; i < months.size(); i++) {
                long expected = stored.getOrDefault(months.get(i), Map.of()).getOrDefault(scores[s], 0L);
                assertThat(new BigDecimal(data.get(i).asString()).longValue()).as(months.get(i) + " " + scores[s]).isEqualTo(expected);
                shownTotal += expected;
            }
        }
        assertThat(shownTotal).isPositive();
        // the per-column table adds up to the same stored ratings of those months
        Long inWindow = jdbc.queryForObject("select count(*) from rating where to_char(rated_on, 'YYYY-MM') >= ?", Long.class,
                months.get(0));
        assertThat(shownTotal).isEqualTo(inWindow);
        assertThat(html).contains("ratings-by-column", "ratings-by-department", "政民互动");
        // a department filter narrows both
        String department = jdbc.queryForObject("select department_name from rating group by 1 order by count(*) desc limit 1", String.class);
        String filtered = mvc.perform(get("/admin/ratings").param("department", department).with(as("reviewer")))
                .andReturn().getResponse().getContentAsString();
        assertThat(filtered).contains("<option value=\"" + department + "\" selected=\"selected\"");
        // clerks may not see the statistics
        assertThat(mvc.perform(get("/admin/ratings").with(as("clerk"))).andReturn().getResponse().getStatus()).isEqualTo(403);
    }
}
