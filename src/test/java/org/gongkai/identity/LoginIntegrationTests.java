package org.gongkai.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.TestAccounts;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;

class LoginIntegrationTests extends AbstractIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    SignIns signIns;

    @ParameterizedTest
    @CsvSource({"clerk, /admin", "clerk2, /admin", "reviewer, /login/code", "approver, /login/code", "sysadmin, /login/code",
                "secadmin, /login/code", "auditor, /login/code"})
    void everyDemoAccountSignsInAndTheSecondFactorIsAskedWhereNeeded(String username, String next) throws Exception {
        mvc.perform(formLogin("/login").user(username).password(TestAccounts.PASSWORD))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl(next));
    }

    @Test
    void loginPageIsChineseAndCarriesTheSecurityHeaders() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("工作人员登录")))
                .andExpect(content().string(Matchers.containsString("name=\"_csrf\"")))
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("frame-ancestors 'none'")))
                .andExpect(header().string("Content-Security-Policy", Matchers.not(Matchers.containsString("unsafe-inline"))))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"));
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndTheLockIsAudited() throws Exception {
        String username = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        for (int attempt = 1; attempt <= 4; attempt++) {
            mvc.perform(formLogin("/login").user(username).password("Wrong-password-" + attempt))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin("/login").user(username).password("Wrong-password-5"))
                .andExpect(redirectedUrl("/login?locked"));
        // the right password no longer helps while the lock lasts
        mvc.perform(formLogin("/login").user(username).password(TestAccounts.PASSWORD))
                .andExpect(redirectedUrl("/login?locked"));
        mvc.perform(get("/login?locked"))
                .andExpect(content().string(Matchers.containsString("账户已锁定")));

        assertThat(signIns.isNameLocked(username)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor = ? and action = 'login.failed'",
                Integer.class, username)).isEqualTo(5);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor = ? and action = 'account.locked'",
                Integer.class, username)).isEqualTo(1);
    }

    @Test
    void anUnknownNameIsAnsweredExactlyLikeARealAccountAtEveryStage() throws Exception {
        String real = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        String unknown = "nobody" + real.substring(1);
        String disabled = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        jdbc.update("update staff_user set enabled = false where username = ?", disabled);
        for (int attempt = 1; attempt <= 4; attempt++) {
            for (String name : new String[] {real, unknown, disabled}) {
                mvc.perform(formLogin("/login").user(name).password("Wrong-password-" + attempt))
                        .andExpect(redirectedUrl("/login?error"));
            }
        }
        for (String name : new String[] {real, unknown, disabled}) {
            mvc.perform(formLogin("/login").user(name).password("Wrong-password-5")).andExpect(redirectedUrl("/login?locked"));
        }
        // while the lock lasts every name gets the same answer, whatever the password (the real one included)
        for (String name : new String[] {real, unknown, disabled}) {
            mvc.perform(formLogin("/login").user(name).password(TestAccounts.PASSWORD)).andExpect(redirectedUrl("/login?locked"));
            mvc.perform(formLogin("/login").user(name.toUpperCase()).password("x")).andExpect(redirectedUrl("/login?locked"));
            assertThat(signIns.isNameLocked(name)).isTrue();
        }
        // the unknown name is kept only as a keyed hash
        assertThat(jdbc.queryForObject("select count(*) from login_throttle where name_hash like ?", Integer.class, "%" + unknown + "%")).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor = ? or summary like ?", Integer.class, unknown,
                "%" + unknown + "%")).isZero();
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() throws Exception {
        String username = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        for (int attempt = 1; attempt <= 4; attempt++) {
            mvc.perform(formLogin("/login").user(username).password("nope-" + attempt));
        }
        mvc.perform(formLogin("/login").user(username).password(TestAccounts.PASSWORD)).andExpect(redirectedUrl("/admin"));
        mvc.perform(formLogin("/login").user(username).password("nope-again")).andExpect(redirectedUrl("/login?error"));
        assertThat(signIns.failedSignIns(username)).isEqualTo(1);
    }

    @Test
    void unknownUsernamesAreAnsweredLikeWrongPasswordsAndNotStored() throws Exception {
        mvc.perform(formLogin("/login").user("MySecretPassw0rd!").password("x"))
                .andExpect(redirectedUrl("/login?error"));
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor like '%MySecret%' or summary like '%MySecret%'",
                Integer.class)).isZero();
    }

    @Test
    void aForgedPostWithoutCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/login").param("username", "sysadmin").param("password", TestAccounts.PASSWORD))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/departments/new").with(user("sysadmin").roles("SYSADMIN"))
                        .param("name", "伪造科室").param("shortName", "伪造").param("creditCode", "91350100M000100Y43"))
                .andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("select count(*) from department where name = '伪造科室'", Integer.class)).isZero();
    }

    @Test
    void consolePagesNeedSignInAndTheRightRole() throws Exception {
        mvc.perform(get("/admin/users")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/admin/users").with(user("clerk").roles("CLERK")).accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/audit").with(user("sysadmin").roles("SYSADMIN"))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/departments").with(user("secadmin").roles("SECADMIN"))).andExpect(status().isForbidden());
    }

    @Test
    void unknownUrlsAnswerAStyledChinese404WithoutInternals() throws Exception {
        // through the real server: MockMvc does not forward to the error page
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/no/such/page"))
                        .header("Accept", "text/html").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("页面不存在", "/css/base-", "lang=\"zh-CN\"")
                .doesNotContain("Exception", "Whitelabel", "at org.");
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        mvc.perform(post("/logout").with(csrf()).with(user("clerk").roles("CLERK")))
                .andExpect(redirectedUrl("/login?logout"));
    }
}
