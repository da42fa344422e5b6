package org.gongkai.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;

/** A relief-case table attached to an edition is published masked: the page and downloads hold no raw personal value. */
class PublishedTableIntegrationTests extends AbstractIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.gongkai.tables.TableImports imports;

    @org.springframework.beans.factory.annotation.Autowired
    org.gongkai.tables.TableManagement tables;

    @Test
    void anAttachedTableIsPublishedMaskedWithTheItem() throws Exception {
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        var me = identity.principal(clerk).orElseThrow();
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(me, null, me.getAuthorities()));
        long template = jdbc.queryForObject("select id from table_template where name = '疾病应急救助个案'", Long.class);
        long tableId = tables.createStandalone(me, template, "救助个案（发布测试）" + UUID.randomUUID().toString().substring(0, 4),
                org.gongkai.tables.Cadence.HALF_YEARLY);
        imports.importFile(me, tableId, "救助个案.xlsx", org.gongkai.tables.TableFiles.xlsx(org.gongkai.tables.TableFiles.RELIEF_HEADER,
                org.gongkai.tables.TableFiles.reliefRows(false)), true);
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        List<String> raw = jdbc.queryForList("select cells ->> 'id_number' from data_table_row where table_id = ? limit 5", String.class, tableId);
        assertThat(raw).isNotEmpty();

        String title = "2025年下半年疾病应急救助个案公示" + UUID.randomUUID().toString().substring(0, 4);
        long node = jdbc.queryForObject("select id from catalogue_node where code = 'jbyjjz-ga'", Long.class);
        mvc.perform(post("/admin/documents/new").with(csrf()).with(as(clerk)).param("title", title).param("catalogueNodeId", "" + node)
                .param("bodyHtml", "<p>现将救助个案公示如下。</p>"));
        long edition = jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
        mvc.perform(post("/admin/documents/{id}/tables", edition).with(csrf()).with(as(clerk)).param("tableId", "" + tableId));
        assertThat(jdbc.queryForObject("select owner_type from data_table where id = ?", String.class, tableId)).isEqualTo("EDITION");
        mvc.perform(post("/admin/documents/{id}/submit", edition).with(csrf()).with(as(clerk)));
        mvc.perform(WorkflowIntegrationTests.pass(edition).with(as("reviewer")).param("personalDataNote", "表格按列规则脱敏"));
        String publicId = jdbc.queryForObject("select d.public_id from document d join edition e on e.document_id = d.id where e.id = ?",
                String.class, edition);

        String page = mvc.perform(get("/items/{id}", publicId)).andReturn().getResponse().getContentAsString();
        String csv = mvc.perform(get("/items/{id}/data.csv", publicId)).andReturn().getResponse().getContentAsString();
        String snapshot = jdbc.queryForObject("select tables::text from publication_snapshot where document_id = ?", String.class, publicId);
        assertThat(page).contains("<caption");
        // the admission date, a quasi-identifier next to disease, hospital and district, is published as its month only
        for (String admitted : jdbc.queryForList("select cells ->> 'admitted_on' from data_table_row where table_id = ?", String.class, tableId)) {
            if (admitted != null && admitted.length() == 10) {
                assertThat(snapshot).doesNotContain(admitted).contains(admitted.substring(0, 7));
            }
        }
        for (String name : raw) {
            if (name != null && name.length() == 18) {
                assertThat(page).doesNotContain(name);
                assertThat(csv).doesNotContain(name);
                assertThat(snapshot).doesNotContain(name);
                assertThat(page).contains(name.substring(0, 4) + "**********" + name.substring(name.length() - 4));
            }
        }
    }
}
