package org.gongkai.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;

class CatalogueAdministrationIntegrationTests extends AbstractIntegrationTest {

    long id(String code) {
        return jdbc.queryForObject("select id from catalogue_node where code = ?", Long.class, code);
    }

    @Test
    void aSysadminCreatesRenamesMovesRetiresAndDeletesOnlyUnusedColumns() throws Exception {
        mvc.perform(post("/admin/catalogue").with(csrf()).with(as("sysadmin")).param("code", "ggws-zybfz").param("name", "职业病防治")
                .param("parentId", "" + id("ggws")).param("position", "50")).andExpect(flash().attribute("notice", "catalogue.saved"));
        mvc.perform(post("/admin/catalogue").with(csrf()).with(as("sysadmin")).param("code", "ggws-zybfz").param("name", "重复"))
                .andExpect(flash().attribute("alert", "catalogue.error.codeTaken"));
        mvc.perform(post("/admin/catalogue").with(csrf()).with(as("sysadmin")).param("code", "Bad Code").param("name", "x"))
                .andExpect(flash().attribute("alert", "catalogue.error.code"));
        long node = id("ggws-zybfz");
        mvc.perform(post("/admin/catalogue/{id}", node).with(csrf()).with(as("sysadmin")).param("name", "职业健康")
                .param("parentId", "" + id("jkcj")).param("position", "5"));
        assertThat(jdbc.queryForObject("select name from catalogue_node where id = ?", String.class, node)).isEqualTo("职业健康");
        assertThat(jdbc.queryForObject("select parent_id from catalogue_node where id = ?", Long.class, node)).isEqualTo(id("jkcj"));
        // a column cannot move under itself
        mvc.perform(post("/admin/catalogue/{id}", id("ggws")).with(csrf()).with(as("sysadmin")).param("name", "公共卫生")
                .param("parentId", "" + id("ggws-crb"))).andExpect(flash().attribute("alert", "catalogue.error.cycle"));
        // a column with items can only be retired
        mvc.perform(post("/admin/catalogue/{id}/delete", id("ggws-crb")).with(csrf()).with(as("sysadmin")))
                .andExpect(flash().attribute("alert", "catalogue.error.inUse"));
        mvc.perform(post("/admin/catalogue/{id}/delete", node).with(csrf()).with(as("sysadmin")))
                .andExpect(flash().attribute("notice", "catalogue.saved"));
        assertThat(jdbc.queryForObject("select count(*) from catalogue_node where code = 'ggws-zybfz'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where object_type = 'catalogue' and object_id = 'ggws-zybfz'",
                Integer.class)).isEqualTo(3);
        mvc.perform(get("/admin/catalogue").with(as("clerk"))).andExpect(status().isForbidden());
    }

    @Test
    void codeListsAreDataTheSysadminExtends() throws Exception {
        mvc.perform(post("/admin/codes").with(csrf()).with(as("sysadmin")).param("list", "GENRE").param("value", "会议纪要"))
                .andExpect(flash().attribute("notice", "codes.saved"));
        mvc.perform(get("/admin/documents/new").with(as("clerk")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("会议纪要")));
        mvc.perform(post("/admin/codes").with(csrf()).with(as("clerk")).param("list", "GENRE").param("value", "x"))
                .andExpect(status().isForbidden());
    }
}
