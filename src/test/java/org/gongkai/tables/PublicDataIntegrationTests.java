package org.gongkai.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.publication.PublicationContent;
import org.gongkai.publication.PublicationFixtures;
import org.gongkai.publication.PublicationWriter;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The public downloads and the open-data catalogue serve exactly the masked table of the snapshot. */
class PublicDataIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    PublicationWriter writer;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void downloadsAndTheOpenDataCatalogueHoldOnlyMaskedValues() throws Exception {
        MaskedTable table = new MaskedTable("2026年上半年疾病应急救助个案",
                List.of(new MaskedTable.Column("name", "姓名", false), new MaskedTable.Column("amount", "救助金额（元）", true)),
                List.of(List.of("张*", "12000.50"), List.of("欧阳**", "8000")));
        var department = PublicationFixtures.existingDepartment(jdbc, "医政医管科");
        PublicationContent base = PublicationFixtures.content(department, UUID.randomUUID().toString().substring(0, 12),
                "2026年上半年疾病应急救助个案公示", "公示如下。", Instant.parse("2026-07-10T02:00:00Z"));
        PublicationContent content = new PublicationContent(base.documentId(), base.editionId(), 1, base.departmentId(),
                base.departmentCreditCode(), base.publishedAt(), false, null, base.title(), null, base.writtenOn(), base.summary(),
                base.keywords(), "jbyjjz-ga", "救助个案", base.topic(), "名单名录", base.audience(), base.disclosureAttribute(),
                base.issuingDepartmentName(), false, base.bodyHtml(), base.bodyText(), List.of(), List.of(),
                PublishedTables.json(List.of(new PublishedTables.Entry(table, null))));
        transactions.executeWithoutResult(s -> writer.publish(content));

        byte[] csv = mvc.perform(get("/items/{id}/data.csv", content.documentId()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", Matchers.startsWith("attachment")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(csv[0]).isEqualTo((byte) 0xEF);
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("张*", "欧阳**", "12000.50");
        mvc.perform(get("/items/{id}/data.json", content.documentId())).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("欧阳**")));
        mvc.perform(get("/items/{id}/data.xlsx", content.documentId())).andExpect(status().isOk());
        mvc.perform(get("/items/{id}/data.csv", content.documentId()).param("table", "2")).andExpect(status().isNotFound());
        mvc.perform(get("/data")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("2026年上半年疾病应急救助个案")));
        mvc.perform(get("/data.json")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("/items/" + content.documentId() + "/data.csv?table=1")));

        transactions.executeWithoutResult(s -> writer.unpublish(content.documentId(), "更正", Instant.now()));
        mvc.perform(get("/items/{id}/data.csv", content.documentId())).andExpect(status().isNotFound());
        mvc.perform(get("/data.json")).andExpect(content().string(Matchers.not(Matchers.containsString(content.documentId()))));
    }
}
