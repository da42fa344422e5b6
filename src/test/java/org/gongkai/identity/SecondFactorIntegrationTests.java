package org.gongkai.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.TestAccounts;
import org.gongkai.support.TestTotp;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.gongkai.support.CookieSession;

/** The second factor of staff: required roles, codes accepted once, wrong codes counted toward the lock, recovery codes. */
class SecondFactorIntegrationTests extends AbstractIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    SignIns signIns;

    @Test
    void aReviewerNeedsTheCodeAndAWrongCodeCountsTowardTheLock() throws Exception {
        String reviewer = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        CookieSession session = passwordStep(reviewer, "/login/code");
        // the password alone opens nothing
        session.perform(get("/admin")).andExpect(redirectedUrl("/login"));

        session.perform(post("/login/code").with(csrf()).param("code", wrongCode(reviewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("动态验证码不正确")));
        assertThat(signIns.failedSignIns(reviewer)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor = ? and action = 'login.failed' and summary = '动态验证码错误'",
                Integer.class, reviewer)).isEqualTo(1);

        String code = TestTotp.nextCode(reviewer);
        // back to the page asked for before signing in
        session.perform(post("/login/code").with(csrf()).param("code", code)).andExpect(redirectedUrl("http://localhost/admin?continue"));
        session.perform(get("/admin")).andExpect(status().isOk());
        assertThat(signIns.failedSignIns(reviewer)).isZero();
        assertThat(jdbc.queryForObject("select summary from audit_event where actor = ? and action = 'login.succeeded' order by id desc limit 1",
                String.class, reviewer)).isEqualTo("密码+动态验证码");

        // the same code is never accepted twice (RFC 6238 §5.2)
        CookieSession again = passwordStep(reviewer, "/login/code");
        again.perform(post("/login/code").with(csrf()).param("code", code))
                .andExpect(content().string(Matchers.containsString("动态验证码不正确")));
    }

    @Test
    void fiveWrongCodesLockTheAccount() throws Exception {
        String approver = TestAccounts.create(jdbc, "办公室", "APPROVER");
        CookieSession session = passwordStep(approver, "/login/code");
        for (int attempt = 1; attempt <= 4; attempt++) {
            session.perform(post("/login/code").with(csrf()).param("code", wrongCode(approver))).andExpect(status().isOk());
        }
        session.perform(post("/login/code").with(csrf()).param("code", wrongCode(approver)))
                .andExpect(redirectedUrl("/login?locked"));
        assertThat(signIns.isNameLocked(approver)).isTrue();
        mvc.perform(formLogin("/login").user(approver).password(TestAccounts.PASSWORD)).andExpect(redirectedUrl("/login?locked"));
    }

    @Test
    void anAdministratorWithoutASecondFactorEnrolsAtSignInAndARecoveryCodeWorksOnce() throws Exception {
        String auditor = TestAccounts.create(jdbc, "办公室", "AUDITOR");
        long id = TestAccounts.idOf(jdbc, auditor);
        jdbc.update("delete from staff_second_factor where user_id = ?", id);

        CookieSession session = passwordStep(auditor, "/login/enrol");
        String page = session.perform(get("/login/enrol")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data:image/svg+xml;base64,")))
                .andReturn().getResponse().getContentAsString();
        Matcher secret = Pattern.compile("class=\"totp-secret\">([A-Z2-7 ]+)<").matcher(page);
        assertThat(secret.find()).isTrue();
        String base32 = secret.group(1).replace(" ", "");
        session.perform(post("/login/enrol").with(csrf()).param("code", "000000"))
                .andExpect(content().string(Matchers.containsString("动态验证码不正确")));
        String recovery = session.perform(post("/login/enrol").with(csrf())
                        .param("code", TestTotp.codeAt(base32, TestTotp.currentStep())))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("恢复码")))
                .andReturn().getResponse().getContentAsString();
        Matcher codes = Pattern.compile("<li><code>([a-z0-9-]+)</code></li>").matcher(recovery);
        assertThat(codes.find()).isTrue();
        String recoveryCode = codes.group(1);
        session.perform(get("/login/next")).andExpect(redirectedUrl("/admin"));
        assertThat(jdbc.queryForObject("select count(*) from staff_recovery_code where user_id = ? and code_hash = ?", Integer.class, id,
                recoveryCode)).as("kept only as hashes").isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor = ? and action = 'secondFactor.enrolled'",
                Integer.class, auditor)).isEqualTo(1);

        CookieSession next = passwordStep(auditor, "/login/code");
        next.perform(post("/login/code").with(csrf()).param("code", recoveryCode.toUpperCase()))
                .andExpect(redirectedUrl("/admin"));
        CookieSession third = passwordStep(auditor, "/login/code");
        third.perform(post("/login/code").with(csrf()).param("code", recoveryCode))
                .andExpect(content().string(Matchers.containsString("动态验证码不正确")));
    }

    @Test
    void secadminResetsAClerksOrReviewersSecondFactorAndTheHolderEnrolsAgain() throws Exception {
        String reviewer = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        long id = TestAccounts.idOf(jdbc, reviewer);
        mvc.perform(post("/admin/users/{id}/second-factor", id).with(csrf()).with(as("sysadmin"))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/users/{id}/second-factor", id).with(csrf()).with(as("secadmin")))
                .andExpect(redirectedUrl("/admin/users/" + id + "/roles"));
        assertThat(jdbc.queryForObject("select count(*) from staff_second_factor where user_id = ?", Integer.class, id)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from notification where recipient_id = ? and title = '您的动态验证码已被重置'",
                Integer.class, id)).isEqualTo(1);
        passwordStep(reviewer, "/login/enrol");
    }

    @Test
    void aClerkMayEnrolOfTheirOwnAccordAndThenSignsInWithACode() throws Exception {
        String clerk = TestAccounts.create(jdbc, "财务科", "CLERK");
        mvc.perform(formLogin("/login").user(clerk).password(TestAccounts.PASSWORD)).andExpect(redirectedUrl("/admin"));
        String page = mvc.perform(get("/admin/account/second-factor").with(as(clerk))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher secret = Pattern.compile("class=\"totp-secret\">([A-Z2-7 ]+)<").matcher(page);
        assertThat(secret.find()).isTrue();
        mvc.perform(post("/admin/account/second-factor").with(csrf()).with(as(clerk))
                        .param("code", TestTotp.codeAt(secret.group(1).replace(" ", ""), TestTotp.currentStep())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("身份验证器已绑定")));
        mvc.perform(formLogin("/login").user(clerk).password(TestAccounts.PASSWORD)).andExpect(redirectedUrl("/login/code"));
    }

    private CookieSession passwordStep(String username, String next) throws Exception {
        CookieSession session = new CookieSession(mvc);
        session.perform(formLogin("/login").user(username).password(TestAccounts.PASSWORD)).andExpect(redirectedUrl(next));
        return session;
    }

    /** A six-digit code that no step around now has. */
    private static String wrongCode(String username) {
        String secret = TestTotp.secretOf(username);
        long now = TestTotp.currentStep();
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            boolean valid = false;
            for (long step = now - 2; step <= now + 2; step++) {
                valid |= TestTotp.codeAt(secret, step).equals(code);
            }
            if (!valid) {
                return code;
            }
        }
    }
}
