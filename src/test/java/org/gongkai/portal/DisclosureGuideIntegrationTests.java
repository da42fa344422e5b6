package org.gongkai.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.gongkai.AbstractIntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

class DisclosureGuideIntegrationTests extends AbstractIntegrationTest {

    @Test
    void theGuideIsPublicAndOnlyTheSysadminEditsItWithAStaleSaveKeepingTheText() throws Exception {
        mvc.perform(get("/guide")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("20个工作日内予以答复"),
                        Matchers.containsString("五、监督和救济"))));
        long id = jdbc.queryForObject("select id from guide_section where position = 60", Long.class);
        long version = jdbc.queryForObject("select version from guide_section where id = ?", Long.class, id);
        mvc.perform(post("/admin/portal/guide/{id}", id).with(csrf()).with(as("clerk")).param("version", "" + version)
                .param("heading", "x").param("body", "y")).andExpect(status().isForbidden());
        mvc.perform(post("/admin/portal/guide/{id}", id).with(csrf()).with(as("sysadmin")).param("version", "" + version)
                .param("heading", "六、联系方式").param("body", "联系电话：020-87654321")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/guide")).andExpect(content().string(Matchers.containsString("020-87654321")));
        mvc.perform(post("/admin/portal/guide/{id}", id).with(csrf()).with(as("sysadmin")).param("version", "" + version)
                        .param("heading", "六、联系方式").param("body", "我刚写的新地址"))
                .andExpect(status().isConflict())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("已被他人修改"), Matchers.containsString("我刚写的新地址"))));
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'guide.changed'", Integer.class)).isPositive();
    }
}
