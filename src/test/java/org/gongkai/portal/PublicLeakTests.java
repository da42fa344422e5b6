package org.gongkai.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Drafts, submitted, returned, scheduled and never-published editions, and unpublished documents, appear on no public
 * route; unknown and never-published ids give the same 404, unpublished 410.
 */
class PublicLeakTests extends AbstractIntegrationTest {

    @Test
    void onlyWhatWasPublishedIsEverShown() throws Exception {
        List<String> hidden = jdbc.queryForList("""
                select e.title from edition e join document d on d.id = e.document_id
                where e.state in ('DRAFT', 'SUBMITTED', 'RETURNED', 'REVIEWED', 'SCHEDULED')
                  and not exists (select 1 from public_document p where p.document_id = d.public_id)""", String.class);
        hidden = new java.util.ArrayList<>(hidden);
        hidden.addAll(jdbc.queryForList("""
                select s.title from public_document p join publication_snapshot s on s.document_id = p.document_id
                where p.status = 'UNPUBLISHED'""", String.class));
        assertThat(hidden).hasSizeGreaterThanOrEqualTo(6);

        StringBuilder everything = new StringBuilder();
        for (String path : List.of("/", "/catalogue", "/feed.atom", "/sitemap.xml", "/data", "/data.json", "/guide")) {
            everything.append(mvc.perform(get(path)).andReturn().getResponse().getContentAsString());
        }
        for (String code : jdbc.queryForList("select code from catalogue_node", String.class)) {
            everything.append(mvc.perform(get("/catalogue/" + code)).andReturn().getResponse().getContentAsString());
            everything.append(mvc.perform(get("/catalogue/" + code + "/feed.atom")).andReturn().getResponse().getContentAsString());
        }
        for (String title : hidden) {
            assertThat(everything.toString()).as(title).doesNotContain(title);
        }
        // search echoes the query, so there the results must not link to the hidden documents
        List<String> hiddenIds = jdbc.queryForList("""
                select d.public_id from document d join edition e on e.document_id = d.id
                where e.state in ('DRAFT', 'SUBMITTED', 'RETURNED', 'REVIEWED', 'SCHEDULED')
                  and not exists (select 1 from public_document p where p.document_id = d.public_id)
                union select document_id from public_document where status = 'UNPUBLISHED'""", String.class);
        for (String title : hidden) {
            String probe = title.length() > 12 ? title.substring(0, 12) : title;
            String results = mvc.perform(get("/search").param("q", probe)).andReturn().getResponse().getContentAsString();
            for (String id : hiddenIds) {
                assertThat(results).as(probe).doesNotContain("/items/" + id);
            }
        }

        String draftId = jdbc.queryForObject("""
                select d.public_id from document d join edition e on e.document_id = d.id where e.state = 'DRAFT'
                  and not exists (select 1 from public_document p where p.document_id = d.public_id) limit 1""", String.class);
        String unpublishedId = jdbc.queryForObject("select document_id from public_document where status = 'UNPUBLISHED' limit 1", String.class);
        var neverPublished = mvc.perform(get("/items/{id}", draftId)).andReturn().getResponse();
        var unknown = mvc.perform(get("/items/{id}", "zzzzzzzzzz")).andReturn().getResponse();
        assertThat(neverPublished.getStatus()).isEqualTo(404).isEqualTo(unknown.getStatus());
        assertThat(neverPublished.getContentAsString()).isEqualTo(unknown.getContentAsString());
        assertThat(mvc.perform(get("/items/{id}/attachments/1", draftId)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/items/{id}/data.csv", draftId)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/items/{id}", unpublishedId)).andReturn().getResponse().getStatus()).isEqualTo(410);
    }
}
