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
                        Matchers.containsString("五、监督和救济"), Matchers.containsString("传真："),
                        Matchers.containsString("电子邮箱："), Matchers.containsString("邮政编码："))));
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

    String publicPage(String path) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl() + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void theStandardCatalogueIsPublicWithItsColumnsAndAnEditShowsAtOnce() throws Exception {
        assertThat(publicPage("/guide/matters")).contains("本页目录", "公开对象", "全社会", "主动公开（本目录以外的政府信息可依申请公开）");
        assertThat(publicPage("/guide/matters")).contains("法定传染病疫情", "《中华人民共和国传染病防治法》第三十八条",
                "每月结束后10个工作日内", "href=\"/catalogue/ggws-crb\"");
        var matter = jdbc.queryForMap("select id, version, responsible_department_id from disclosure_matter where name = '短缺药品清单'");
        mvc.perform(post("/admin/matters/{id}", matter.get("id")).with(csrf()).with(as("sysadmin"))
                        .param("version", matter.get("version").toString()).param("name", "短缺药品清单")
                        .param("legalBasis", "《国务院办公厅关于进一步做好短缺药品保供稳价工作的意见》").param("content", "短缺药品名称、规格、替代品种")
                        .param("departmentId", matter.get("responsible_department_id").toString())
                        .param("timeLimit", "每季度结束后15个工作日内").param("timeLimitWorkingDays", "15").param("methods", "网站")
                        .param("level", "市").param("stage", "管理").param("cadence", "QUARTERLY"))
                .andExpect(status().is3xxRedirection());
        // the cached page was emptied by the change
        assertThat(publicPage("/guide/matters")).contains("每季度结束后15个工作日内");
    }
}
