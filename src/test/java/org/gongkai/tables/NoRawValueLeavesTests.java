package org.gongkai.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.TestAccounts;
import org.gongkai.demo.SyntheticPeople;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

/**
 * Issue 7's property: hundreds of generated people (single and compound surnames, 18-digit IDs including X check digits,
 * 15-digit IDs, mobile numbers, addresses, bank cards) are imported, and no raw value appears in the rendered table
 * fragment, the CSV, the JSON or the XLSX of the published form, while their masked forms do.
 */
class NoRawValueLeavesTests extends AbstractIntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    TableManagement tables;

    record Person(String name, String id, String phone, String address, String card) {
    }

    static List<Person> people(int count) {
        Random random = new Random(20260701L);
        List<Person> people = new ArrayList<>();
        int xCheck = 0;
        int compound = 0;
        while (people.size() < count) {
            int i = people.size();
            String id;
            if (i % 5 == 0) {
                id = SyntheticPeople.idNumber15(random);
            } else if (i % 5 == 1) {
                do {
                    id = SyntheticPeople.idNumber18(random, i);
                } while (id.charAt(17) != 'X');
                xCheck++;
            } else {
                id = SyntheticPeople.idNumber18(random, i);
            }
            String name = i % 4 == 0 ? SyntheticPeople.COMPOUND.get(i / 4 % SyntheticPeople.COMPOUND.size()) + SyntheticPeople.name(random).substring(1)
                    : SyntheticPeople.name(random);
            if (Masking.COMPOUND_SURNAMES.contains(name.substring(0, 2)) && name.length() > 2) {
                compound++;
            }
            people.add(new Person(name, id, SyntheticPeople.mobile(random), SyntheticPeople.address(random, i), SyntheticPeople.bankCard(random)));
        }
        assertThat(xCheck).isGreaterThan(count / 10);
        assertThat(compound).isGreaterThan(count / 10);
        return people;
    }

    @Test
    void noRawPersonalValueAppearsInThePageCsvJsonOrXlsx() throws Exception {
        List<Person> people = people(300);
        StringBuilder csv = new StringBuilder("\uFEFF" + String.join(",", TableFiles.RELIEF_HEADER) + "\r\n");
        for (Person p : people) {
            csv.append(String.join(",", p.name(), "女", p.id(), p.phone(), p.address(), "脑出血", "广州市第一人民医院", "2026-01-05",
                    "1000", p.card(), "")).append("\r\n");
        }
        String clerk = TestAccounts.create(jdbc, "医政医管科", "CLERK");
        long templateId = jdbc.queryForObject("select id from table_template where name = '疾病应急救助个案'", Long.class);
        String location = mvc.perform(post("/admin/tables/new").with(as(clerk)).with(csrf()).param("templateId", String.valueOf(templateId))
                        .param("caption", "生成数据脱敏测试").param("cadence", "HALF_YEARLY"))
                .andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(multipart("/admin/tables/" + id + "/import").file(new MockMultipartFile("file", "people.csv", "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8))).with(as(clerk)).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(jdbc.queryForObject("select count(*) from data_table_row where table_id = ?", Integer.class, id)).isEqualTo(300);

        String page = mvc.perform(get("/admin/tables/" + id).with(as(clerk))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String fragment = page.substring(page.indexOf("data-enhance=\"table\""), page.indexOf("</table>", page.indexOf("data-enhance=\"table\"")));
        String csvOut = new String(mvc.perform(get("/admin/tables/" + id + "/download.csv").with(as(clerk)))
                .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        String json = new String(mvc.perform(get("/admin/tables/" + id + "/download.json").with(as(clerk)))
                .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        String xlsx = xlsxText(mvc.perform(get("/admin/tables/" + id + "/download.xlsx").with(as(clerk)))
                .andReturn().getResponse().getContentAsByteArray());
        // the publication snapshot's tables (what public pages, the open-data catalogue and search will read)
        jdbc.update("update data_table set owner_type = 'EDITION', owner_id = ? where id = ?", 900_000 + id, id);
        String snapshot = tables.publicationJson("EDITION", 900_000 + id);
        List<PublishedTables.Entry> entries = PublishedTables.read(snapshot);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).table().rows()).hasSize(300);
        assertThat(entries.get(0).table()).isEqualTo(tables.publishedForm(id));

        assertThat(csvOut).startsWith("\uFEFF姓名,性别,身份证号,联系电话,住址");
        assertThat(json).contains("\"caption\":\"生成数据脱敏测试\"");

        for (String output : List.of(fragment, csvOut, json, xlsx, snapshot)) {
            for (Person p : people) {
                assertThat(output).doesNotContain(p.id(), p.phone(), p.address(), p.card())
                        .contains(Masking.idNumber(p.id()), Masking.phone(p.phone()), Masking.address(p.address()));
                // the name as a whole cell: a raw 2-character name could otherwise match inside unrelated text
                assertThat(output).doesNotContain(">" + p.name() + "<", "\"" + p.name() + "\"", p.name() + ",", "\t" + p.name() + "\t")
                        .contains(Masking.personName(p.name()));
            }
            assertThat(output).doesNotContain("****" + people.get(0).card().substring(15)).doesNotContain("收款账号");
        }
    }

    private static String xlsxText(byte[] body) throws Exception {
        StringBuilder text = new StringBuilder();
        DataFormatter formatter = new DataFormatter();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            for (Row row : book.getSheetAt(0)) {
                text.append('\t');
                for (Cell cell : row) {
                    text.append(formatter.formatCellValue(cell)).append('\t');
                }
                text.append('\n');
            }
        }
        return text.toString();
    }
}
