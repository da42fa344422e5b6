package org.gongkai.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.TestAccounts;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

class AccountAdministrationIntegrationTests extends AbstractIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    SignIns signIns;

    @Test
    void sysadminCreatesAnAccountAndAWeakPasswordIsRefusedNextToTheField() throws Exception {
        long department = jdbc.queryForObject("select id from department where name = '财务科'", Long.class);
        mvc.perform(post("/admin/users/new").with(csrf()).with(as("sysadmin"))
                        .param("username", "weakpw").param("displayName", "钱七").param("departmentId", "" + department)
                        .param("password", "weakpw12345"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("存在以下问题")))
                .andExpect(content().string(Matchers.containsString("<title>错误：新建账号</title>")))
                .andExpect(content().string(Matchers.containsString("密码须包含大写字母、小写字母、数字、符号中的至少三类")));
        assertThat(jdbc.queryForObject("select count(*) from staff_user where username = 'weakpw'", Integer.class)).isZero();

        mvc.perform(post("/admin/users/new").with(csrf()).with(as("sysadmin"))
                        .param("username", "qianqi").param("displayName", "钱七").param("departmentId", "" + department)
                        .param("password", "Strong#Pass2026"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("select count(*) from staff_user_role r join staff_user u on u.id = r.user_id where u.username = 'qianqi'",
                Integer.class)).as("new accounts start without roles").isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'account.created' and summary like 'qianqi%'",
                Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select password_hash from staff_user where username = 'qianqi'", String.class))
                .startsWith("$2").doesNotContain("Strong#Pass2026");
    }

    @Test
    void secadminGrantsRolesButNeverABreachOfSeparationOfDuties() throws Exception {
        String username = TestAccounts.create(jdbc, "办公室", "CLERK");
        long id = TestAccounts.idOf(jdbc, username);
        long version = jdbc.queryForObject("select version from staff_user where id = ?", Long.class, id);

        mvc.perform(post("/admin/users/{id}/roles", id).with(csrf()).with(as("secadmin"))
                        .param("roles", "SYSADMIN", "AUDITOR").param("version", "" + version))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("三员分立")));
        assertThat(jdbc.queryForList("select role from staff_user_role where user_id = ?", String.class, id)).containsExactly("CLERK");

        mvc.perform(post("/admin/users/{id}/roles", id).with(csrf()).with(as("secadmin"))
                        .param("roles", "CLERK", "REVIEWER").param("version", "" + version))
                .andExpect(redirectedUrl("/admin/users/" + id + "/roles"));
        assertThat(jdbc.queryForList("select role from staff_user_role where user_id = ? order by role", String.class, id))
                .containsExactly("CLERK", "REVIEWER");
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'account.rolesGranted' and object_id = ?",
                Integer.class, "" + id)).isEqualTo(1);
    }

    @Test
    void sysadminCannotGrantRolesAndClerkCannotListAccounts() throws Exception {
        String username = TestAccounts.create(jdbc, "办公室", "CLERK");
        long id = TestAccounts.idOf(jdbc, username);
        mvc.perform(post("/admin/users/{id}/roles", id).with(csrf()).with(as("sysadmin")).param("roles", "APPROVER").param("version", "0"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/users").with(as("clerk"))).andExpect(status().isForbidden());
        assertThat(jdbc.queryForList("select role from staff_user_role where user_id = ?", String.class, id)).containsExactly("CLERK");
    }

    @Test
    void secadminUnlocksALockedAccount() throws Exception {
        String username = TestAccounts.create(jdbc, "办公室", "CLERK");
        long id = TestAccounts.idOf(jdbc, username);
        for (int attempt = 1; attempt <= 5; attempt++) {
            mvc.perform(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin("/login")
                    .user(username).password("Wrong-password-" + attempt));
        }
        mvc.perform(get("/admin/users/{id}/roles", id).with(as("secadmin")))
                .andExpect(content().string(Matchers.containsString("账户已锁定至")));
        mvc.perform(post("/admin/users/{id}/unlock", id).with(csrf()).with(as("secadmin"))).andExpect(status().is3xxRedirection());
        assertThat(signIns.isNameLocked(username)).isFalse();
    }

    @Test
    void aStaleDepartmentSaveIsAConflictAndChangesNothing() throws Exception {
        long id = jdbc.queryForObject("select id from department where name = '财务科'", Long.class);
        long version = jdbc.queryForObject("select version from department where id = ?", Long.class, id);
        String code = jdbc.queryForObject("select credit_code from department where id = ?", String.class, id);
        mvc.perform(post("/admin/departments/{id}", id).with(csrf()).with(as("sysadmin"))
                        .param("name", "财务科").param("shortName", "财务").param("creditCode", code)
                        .param("active", "true").param("version", "" + (version + 7)))
                .andExpect(status().isConflict())
                .andExpect(content().string(Matchers.containsString("已被他人修改")));
        assertThat(jdbc.queryForObject("select short_name from department where id = ?", String.class, id)).isEqualTo("财务科");
    }

    @Test
    void aDepartmentWithAWrongCreditCodeIsRefusedNextToTheField() throws Exception {
        mvc.perform(post("/admin/departments/new").with(csrf()).with(as("sysadmin"))
                        .param("name", "科教科").param("shortName", "科教").param("creditCode", "91350100M000100Y44").param("active", "true").param("version", "0"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("统一社会信用代码应为18位且校验位正确")));
        assertThat(jdbc.queryForObject("select count(*) from department where name = '科教科'", Integer.class)).isZero();
    }
}
