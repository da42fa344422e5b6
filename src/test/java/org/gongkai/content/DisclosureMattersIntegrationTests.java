package org.gongkai.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.gongkai.AbstractIntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

class DisclosureMattersIntegrationTests extends AbstractIntegrationTest {

    @Test
    void theStandardListIsSeededLinkedToColumnsAndEditedOnlyByTheSysadmin() throws Exception {
        mvc.perform(get("/admin/matters").with(as("sysadmin"))).andExpect(content().string(Matchers.allOf(
                Matchers.containsString("法定传染病疫情"), Matchers.containsString("每月结束后10个工作日内"), Matchers.containsString("每季度"))));
        assertThat(jdbc.queryForObject("""
                select m.name from catalogue_node n join disclosure_matter m on m.id = n.disclosure_matter_id where n.code = 'jdzf-sjs'""",
                String.class)).isEqualTo("双随机抽查结果");
        long id = jdbc.queryForObject("select id from disclosure_matter where name = '行政处罚决定'", Long.class);
        long department = jdbc.queryForObject("select responsible_department_id from disclosure_matter where id = ?", Long.class, id);
        long version = jdbc.queryForObject("select version from disclosure_matter where id = ?", Long.class, id);
        mvc.perform(post("/admin/matters/{id}", id).with(csrf()).with(as("sysadmin")).param("version", "" + version)
                        .param("name", "行政处罚决定").param("legalBasis", "《中华人民共和国行政处罚法》第四十八条")
                        .param("departmentId", "" + department).param("timeLimitWorkingDays", "99").param("level", "区")
                        .param("stage", "结果").param("cadence", "QUARTERLY"))
                .andExpect(content().string(Matchers.containsString("工作日数应在1到60之间")));
        mvc.perform(post("/admin/matters/{id}", id).with(csrf()).with(as("sysadmin")).param("version", "" + version)
                .param("name", "行政处罚决定").param("legalBasis", "《中华人民共和国行政处罚法》第四十八条").param("content", "处罚决定书")
                .param("departmentId", "" + department).param("timeLimit", "作出决定之日起7个工作日内").param("timeLimitWorkingDays", "7")
                .param("methods", "网站").param("level", "区").param("stage", "结果").param("cadence", "ON_OCCURRENCE"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("select cadence from disclosure_matter where id = ?", String.class, id)).isEqualTo("ON_OCCURRENCE");
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'matter.changed' and object_id = ?",
                Integer.class, "" + id)).isEqualTo(1);
        mvc.perform(get("/admin/matters").with(as("clerk"))).andExpect(status().isForbidden());
    }
}
