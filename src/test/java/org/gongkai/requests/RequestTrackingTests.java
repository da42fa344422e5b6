package org.gongkai.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gongkai.requests.RequestTestData.from;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/** Tracking reveals nothing to a guesser: a wrong code and an unknown number answer alike, and guessing is rate-limited. */
class RequestTrackingTests extends AbstractIntegrationTest {

    @Autowired
    InformationRequests requests;

    @Test
    void aWrongCodeAndAnUnknownNumberGiveIdenticalAnswers() throws Exception {
        var submitted = requests.submit(RequestTestData.command(RequestTestData.newIdNumber(), "追踪测试信息"));
        MockHttpSession session = new MockHttpSession();
        MvcResult wrongCode = mvc.perform(post("/requests/track").session(session).with(csrf()).with(from("10.20.0.1"))
                .param("number", submitted.number()).param("code", "AAAA-BBBB-CCCC")).andReturn();
        MvcResult unknown = mvc.perform(post("/requests/track").session(session).with(csrf()).with(from("10.20.0.1"))
                .param("number", "YSQ2099-99999").param("code", submitted.queryCode())).andReturn();
        MvcResult right = mvc.perform(post("/requests/track").session(session).with(csrf()).with(from("10.20.0.1"))
                .param("number", submitted.number()).param("code", submitted.queryCode().toLowerCase())).andReturn();

        assertThat(wrongCode.getResponse().getStatus()).isEqualTo(200).isEqualTo(unknown.getResponse().getStatus());
        assertThat(wrongCode.getResponse().getHeaderNames()).isEqualTo(unknown.getResponse().getHeaderNames());
        // identical bytes once the per-render CSRF token (masked anew on every render, BREACH protection) is blanked
        assertThat(withoutCsrf(wrongCode)).isEqualTo(withoutCsrf(unknown)).contains("申请编号或查询码不正确");
        assertThat(withoutCsrf(right)).contains(submitted.number(), "已收到").doesNotContain("申请编号或查询码不正确");
    }

    @Test
    void twentyRapidAttemptsAreRateLimited() throws Exception {
        int limited = 0;
        int firstLimited = -1;
        for (int i = 0; i < 20; i++) {
            int status = mvc.perform(post("/requests/track").with(csrf()).with(from("10.20.0.2"))
                    .param("number", "YSQ2026-" + String.format("%05d", 90000 + i)).param("code", "WXYZ-WXYZ-WXYZ"))
                    .andReturn().getResponse().getStatus();
            if (status == 429) {
                limited++;
                if (firstLimited < 0) {
                    firstLimited = i;
                }
            }
        }
        assertThat(firstLimited).isEqualTo(10);
        assertThat(limited).isEqualTo(10);
        // another address is not affected
        assertThat(mvc.perform(post("/requests/track").with(csrf()).with(from("10.20.0.3")).param("number", "x").param("code", "y"))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    private static String withoutCsrf(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8)
                .replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\" value=\"\"");
    }
}
