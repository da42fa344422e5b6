package org.gongkai.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.TestAccounts;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.gongkai.support.CookieSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 三员分立 that holds against each other: no administrator resets, disables or re-roles another administrator's account
 * alone; a password set by someone else is changed at the next sign-in; recent passwords are not reused.
 */
class AdministratorSeparationIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void sysadminCannotResetTheAuditorsPasswordAlone() throws Exception {
        String auditor = TestAccounts.create(jdbc, "办公室", "AUDITOR");
        long id = TestAccounts.idOf(jdbc, auditor);

        mvc.perform(post("/admin/users/{id}/password", id).with(csrf()).with(as("sysadmin")).param("password", "Taken#Over2026"))
                .andExpect(redirectedUrl("/admin/users/" + id))
                .andExpect(flash().attribute("notice", "account.passwordResetRequested"));
        // nothing changed yet: the old password still works, the new one does not
        assertThat(passwordEncoder.matches(TestAccounts.PASSWORD, passwordOf(id))).isTrue();
        mvc.perform(formLogin("/login").user(auditor).password("Taken#Over2026")).andExpect(redirectedUrl("/login?error"));
        long request = jdbc.queryForObject("select id from account_change_request where target_id = ? and state = 'PENDING'", Long.class, id);

        // the requester cannot approve their own request, and the target cannot decide about their own account
        mvc.perform(post("/admin/account-requests/{r}/approve", request).with(csrf()).with(as("sysadmin")))
                .andExpect(flash().attribute("alert", "accountRequest.error.secondAdministrator"));
        mvc.perform(post("/admin/account-requests/{r}/approve", request).with(csrf()).with(as(auditor)))
                .andExpect(flash().attribute("alert", "accountRequest.error.secondAdministrator"));
        // a clerk cannot even see the page
        mvc.perform(post("/admin/account-requests/{r}/approve", request).with(csrf()).with(as("clerk"))).andExpect(status().isForbidden());
        assertThat(passwordEncoder.matches(TestAccounts.PASSWORD, passwordOf(id))).isTrue();

        // the target is told at once, and the approvers see the request
        assertThat(jdbc.queryForObject("select count(*) from notification where recipient_id = ? and title like '%重置密码%'",
                Integer.class, id)).isEqualTo(1);
        mvc.perform(get("/admin/account-requests").with(as("secadmin")))
                .andExpect(content().string(Matchers.containsString(auditor)));

        mvc.perform(post("/admin/account-requests/{r}/approve", request).with(csrf()).with(as("secadmin")))
                .andExpect(flash().attribute("notice", "accountRequest.approved"));
        assertThat(passwordEncoder.matches("Taken#Over2026", passwordOf(id))).isTrue();
        assertThat(jdbc.queryForObject("select password_must_change from staff_user where id = ?", Boolean.class, id)).isTrue();
        assertThat(jdbc.queryForList("select action from audit_event where object_type = 'account' and object_id = ? order by id",
                String.class, "" + id)).containsSubsequence("account.changeRequested", "account.passwordReset", "account.changeApproved");
        assertThat(jdbc.queryForObject("select count(*) from notification where recipient_id = ? and title = '您的登录密码已被管理员重置'",
                Integer.class, id)).isEqualTo(1);
    }

    @Test
    void sysadminCannotResetTheSecurityAdministratorsPasswordAloneNorDisableIt() throws Exception {
        String secadmin = TestAccounts.create(jdbc, "办公室", "SECADMIN");
        long id = TestAccounts.idOf(jdbc, secadmin);
        mvc.perform(post("/admin/users/{id}/password", id).with(csrf()).with(as("sysadmin")).param("password", "Taken#Over2026"))
                .andExpect(flash().attribute("notice", "account.passwordResetRequested"));
        long version = jdbc.queryForObject("select version from staff_user where id = ?", Long.class, id);
        mvc.perform(post("/admin/users/{id}", id).with(csrf()).with(as("sysadmin")).param("displayName", "安全员")
                        .param("departmentId", "" + jdbc.queryForObject("select department_id from staff_user where id = ?", Long.class, id))
                        .param("enabled", "false").param("version", "" + version))
                .andExpect(flash().attribute("notice", "account.savedEnabledRequested"));
        assertThat(jdbc.queryForObject("select enabled from staff_user where id = ?", Boolean.class, id)).isTrue();
        assertThat(passwordEncoder.matches(TestAccounts.PASSWORD, passwordOf(id))).isTrue();
        assertThat(jdbc.queryForList("select action from account_change_request where target_id = ? and state = 'PENDING' order by action",
                String.class, id)).containsExactly("RESET_PASSWORD", "SET_ENABLED");

        // the audit administrator is the third person who may approve
        for (Long request : jdbc.queryForList("select id from account_change_request where target_id = ? and state = 'PENDING'", Long.class, id)) {
            mvc.perform(post("/admin/account-requests/{r}/approve", request).with(csrf()).with(as("auditor")))
                    .andExpect(flash().attribute("notice", "accountRequest.approved"));
        }
        assertThat(jdbc.queryForObject("select enabled from staff_user where id = ?", Boolean.class, id)).isFalse();
        assertThat(passwordEncoder.matches("Taken#Over2026", passwordOf(id))).isTrue();
    }

    @Test
    void secadminCannotMakeSomeoneAnAdministratorOrResetAnAdministratorsSecondFactorAlone() throws Exception {
        String clerk = TestAccounts.create(jdbc, "办公室", "CLERK");
        long clerkId = TestAccounts.idOf(jdbc, clerk);
        long version = jdbc.queryForObject("select version from staff_user where id = ?", Long.class, clerkId);
        mvc.perform(post("/admin/users/{id}/roles", clerkId).with(csrf()).with(as("secadmin")).param("roles", "AUDITOR")
                        .param("version", "" + version))
                .andExpect(flash().attribute("notice", "roles.requested"));
        assertThat(jdbc.queryForList("select role from staff_user_role where user_id = ?", String.class, clerkId)).containsExactly("CLERK");

        String auditor = TestAccounts.create(jdbc, "办公室", "AUDITOR");
        long auditorId = TestAccounts.idOf(jdbc, auditor);
        mvc.perform(post("/admin/users/{id}/second-factor", auditorId).with(csrf()).with(as("secadmin")))
                .andExpect(flash().attribute("notice", "totp.resetRequested"));
        assertThat(jdbc.queryForObject("select count(*) from staff_second_factor where user_id = ?", Integer.class, auditorId)).isEqualTo(1);
        // never one's own second factor
        long secadminId = TestAccounts.idOf(jdbc, "secadmin");
        mvc.perform(post("/admin/users/{id}/second-factor", secadminId).with(csrf()).with(as("secadmin")))
                .andExpect(flash().attribute("alert", "totp.error.resetOwn"));

        long roleRequest = jdbc.queryForObject("select id from account_change_request where target_id = ? and state = 'PENDING'", Long.class, clerkId);
        mvc.perform(post("/admin/account-requests/{r}/approve", roleRequest).with(csrf()).with(as("sysadmin")))
                .andExpect(flash().attribute("notice", "accountRequest.approved"));
        assertThat(jdbc.queryForList("select role from staff_user_role where user_id = ?", String.class, clerkId)).containsExactly("AUDITOR");
    }

    @Test
    void aPasswordResetBySomeoneElseMustBeChangedAtTheNextSignInAndEveryConsolePageWaits() throws Exception {
        String clerk = TestAccounts.create(jdbc, "财务科", "CLERK");
        long id = TestAccounts.idOf(jdbc, clerk);
        mvc.perform(post("/admin/users/{id}/password", id).with(csrf()).with(as("sysadmin")).param("password", "Temporary#2026"))
                .andExpect(flash().attribute("notice", "account.passwordReset"));

        CookieSession session = new CookieSession(mvc);
        session.perform(formLogin("/login").user(clerk).password("Temporary#2026")).andExpect(redirectedUrl("/login/password"));
        // not signed in yet: every console page leads back to the password page
        session.perform(get("/admin/documents")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        session.perform(get("/login")).andExpect(redirectedUrl("/login/next"));
        session.perform(get("/login/next")).andExpect(redirectedUrl("/login/password"));
        session.perform(get("/login/password"))
                .andExpect(content().string(Matchers.containsString("您的密码由管理员设置")));

        // the temporary password itself is refused, with the message next to the field
        session.perform(post("/login/password").with(csrf())
                        .param("newPassword", "Temporary#2026").param("confirmPassword", "Temporary#2026"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<title>错误：设置新密码</title>")))
                .andExpect(content().string(Matchers.matchesPattern(
                        "(?s).*id=\"newPassword-error\"[^>]*>新密码不能与当前密码相同</p>\\s*<input[^>]*id=\"newPassword\".*")));

        session.perform(post("/login/password").with(csrf())
                        .param("newPassword", "Chosen#Myself26").param("confirmPassword", "Chosen#Myself26"))
                .andExpect(redirectedUrl("http://localhost/admin/documents?continue"));
        session.perform(get("/admin")).andExpect(status().isOk());
        assertThat(jdbc.queryForObject("select password_must_change from staff_user where id = ?", Boolean.class, id)).isFalse();
        mvc.perform(formLogin("/login").user(clerk).password("Chosen#Myself26")).andExpect(redirectedUrl("/admin"));
    }

    @Test
    void aRecentPasswordCannotBeChosenAgainAndTheMessageIsNextToTheField() throws Exception {
        String clerk = TestAccounts.create(jdbc, "财务科", "CLERK");
        String[] passwords = {"First#Pass2026", "Second#Pass2026", "Third#Pass2026"};
        String current = TestAccounts.PASSWORD;
        for (String next : passwords) {
            mvc.perform(post("/admin/account/password").with(csrf()).with(as(clerk))
                            .param("currentPassword", current).param("newPassword", next).param("confirmPassword", next))
                    .andExpect(redirectedUrl("/admin"));
            current = next;
        }
        mvc.perform(post("/admin/account/password").with(csrf()).with(as(clerk))
                        .param("currentPassword", current).param("newPassword", "First#Pass2026").param("confirmPassword", "First#Pass2026"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("存在以下问题")))
                .andExpect(content().string(Matchers.matchesPattern(
                        "(?s).*<label for=\"newPassword\">新密码</label>.*不能使用最近5次用过的密码</p>\\s*<input[^>]*id=\"newPassword\".*")));
        assertThat(passwordEncoder.matches("Third#Pass2026", passwordOf(TestAccounts.idOf(jdbc, clerk)))).isTrue();
    }

    @Test
    void anExpiredPasswordMustBeChangedAtSignIn() throws Exception {
        String clerk = TestAccounts.create(jdbc, "财务科", "CLERK");
        jdbc.update("update staff_user set password_changed_at = now() - interval '91 days' where username = ?", clerk);
        CookieSession session = new CookieSession(mvc);
        session.perform(formLogin("/login").user(clerk).password(TestAccounts.PASSWORD)).andExpect(redirectedUrl("/login/password"));
        session.perform(get("/login/password")).andExpect(content().string(Matchers.containsString("您的密码已超过有效期")));
    }

    @Test
    void theBreakGlassProcedureResetsPasswordAndSecondFactorAuditedAndTellsEveryAdministrator() throws Exception {
        String secadmin = TestAccounts.create(jdbc, "办公室", "SECADMIN");
        long id = TestAccounts.idOf(jdbc, secadmin);
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        assertThat(identity.breakGlassReset(secadmin, "Break#Glass2026")).isTrue();
        assertThat(identity.breakGlassReset(secadmin, "Break#Glass2026")).as("once only while that password is set").isFalse();
        assertThat(passwordEncoder.matches("Break#Glass2026", passwordOf(id))).isTrue();
        assertThat(jdbc.queryForObject("select password_must_change from staff_user where id = ?", Boolean.class, id)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from staff_second_factor where user_id = ?", Integer.class, id)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor = 'break-glass' and action = 'account.breakGlassReset' and object_id = ?",
                Integer.class, "" + id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from notification n join staff_user u on u.id = n.recipient_id "
                + "where u.username = 'auditor' and n.title like ?", Integer.class, "%" + secadmin + "%")).isEqualTo(1);
        // the holder sets a new password and enrols again at the next sign-in
        mvc.perform(formLogin("/login").user(secadmin).password("Break#Glass2026")).andExpect(redirectedUrl("/login/enrol"));
    }

    @Test
    void disablingAnAccountOrChangingItsRolesEndsItsOpenSessions() throws Exception {
        String clerk = TestAccounts.create(jdbc, "财务科", "CLERK");
        long id = TestAccounts.idOf(jdbc, clerk);
        CookieSession session = new CookieSession(mvc);
        session.perform(formLogin("/login").user(clerk).password(TestAccounts.PASSWORD)).andExpect(redirectedUrl("/admin"));
        session.perform(get("/admin/documents")).andExpect(status().isOk());

        long version = jdbc.queryForObject("select version from staff_user where id = ?", Long.class, id);
        mvc.perform(post("/admin/users/{id}/roles", id).with(csrf()).with(as("secadmin")).param("roles", "REVIEWER")
                        .param("version", "" + version))
                .andExpect(flash().attribute("notice", "roles.saved"));
        session.perform(get("/admin/documents")).andExpect(redirectedUrl("/login"));

        CookieSession second = new CookieSession(mvc);
        second.perform(formLogin("/login").user(clerk).password(TestAccounts.PASSWORD)).andExpect(redirectedUrl("/login/enrol"));
        version = jdbc.queryForObject("select version from staff_user where id = ?", Long.class, id);
        mvc.perform(post("/admin/users/{id}", id).with(csrf()).with(as("sysadmin")).param("displayName", "停用者")
                        .param("departmentId", "" + jdbc.queryForObject("select department_id from staff_user where id = ?", Long.class, id))
                        .param("enabled", "false").param("version", "" + version))
                .andExpect(flash().attribute("notice", "account.saved"));
        // a sign-in under way when the account was disabled goes no further
        second.perform(get("/login/enrol")).andExpect(redirectedUrl("/login/next"));
        second.perform(get("/login/next")).andExpect(redirectedUrl("/login?disabled"));
    }

    private String passwordOf(long id) {
        return jdbc.queryForObject("select password_hash from staff_user where id = ?", String.class, id);
    }
}
