package org.gongkai.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/** Static files under content-hashed URLs with a year's immutable cache, a real favicon, and downloads with their real types. */
class StaticAssetsIntegrationTests extends AbstractIntegrationTest {

    private static final Pattern HASHED = Pattern.compile("(?:href|src)=\"(/(?:css|js|webjars)/[^\"]+-[0-9a-f]{32}\\.(?:css|js))\"");

    @Test
    void pagesLinkStaticFilesByContentHashAndThoseAreCachedForAYear() throws Exception {
        for (String page : List.of("/", "/login", "/catalogue/ggws")) {
            String html = mvc.perform(get(page)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(html).as(page).doesNotContain("href=\"/css/base.css\"").containsPattern("href=\"/css/base-[0-9a-f]{32}\\.css\"")
                    .containsPattern("<link rel=\"icon\" href=\"/favicon-[0-9a-f]{32}\\.ico\"");
            Matcher m = HASHED.matcher(html);
            int found = 0;
            while (m.find()) {
                found++;
                MockHttpServletResponse asset = mvc.perform(get(m.group(1))).andExpect(status().isOk()).andReturn().getResponse();
                assertThat(asset.getHeader("Cache-Control")).as(m.group(1)).isEqualTo("public, max-age=31536000, immutable");
                assertThat(asset.getHeaders("Pragma")).as("no Spring Security no-cache on " + m.group(1)).isEmpty();
                assertThat(asset.getContentType()).startsWith(m.group(1).endsWith(".css") ? "text/css" : "text/javascript");
            }
            assertThat(found).as("hashed assets on " + page).isGreaterThanOrEqualTo(2);
        }
        // the same file by its plain name is revalidated, never kept a year under a name that will change meaning
        mvc.perform(get("/css/base.css")).andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-cache"));
    }

    @Test
    void theFaviconIsARealIcon() throws Exception {
        MockHttpServletResponse icon = mvc.perform(get("/favicon.ico")).andExpect(status().isOk()).andReturn().getResponse();
        byte[] bytes = icon.getContentAsByteArray();
        assertThat(bytes.length).isBetween(200, 20_000);
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2], bytes[3]}).as("ICO header").containsExactly(0, 0, 1, 0);
        assertThat(icon.getContentType()).isIn("image/x-icon", "image/vnd.microsoft.icon");
        assertThat(icon.getHeader("Cache-Control")).isEqualTo("public, max-age=86400");
    }

    @Test
    void wordExcelAndSvgDownloadsCarryTheirRealTypes() throws Exception {
        Map<String, String> expected = Map.of(
                ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        for (Map.Entry<String, String> kind : expected.entrySet()) {
            Map<String, Object> attachment = jdbc.queryForMap("""
                    select d.document_id, a.n from public_document d join publication_snapshot s on s.id = d.current_snapshot_id,
                    jsonb_array_elements(s.attachments) with ordinality as a(ref, n)
                    where d.status = 'LIVE' and a.ref ->> 'name' like ? order by d.document_id limit 1""", "%" + kind.getKey());
            MockHttpServletResponse download = mvc.perform(get("/items/{id}/attachments/{n}", attachment.get("document_id"),
                    attachment.get("n"))).andExpect(status().isOk()).andReturn().getResponse();
            assertThat(download.getContentType()).as(kind.getKey()).isEqualTo(kind.getValue());
            assertThat(download.getHeader("Content-Disposition")).startsWith("attachment");
            assertThat(download.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        String code = jdbc.queryForObject("select code from qr_code where not retired order by id limit 1", String.class);
        MockHttpServletResponse svg = mvc.perform(get("/admin/qr/{code}/qr.svg", code).with(as("sysadmin")))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(svg.getContentType()).isEqualTo("image/svg+xml");
        assertThat(svg.getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(svg.getHeader("Content-Security-Policy")).contains("sandbox");
    }

    @Test
    void typesABrowserWouldRunAsAPageOfTheSiteAreDownloadedAsBytes() {
        assertThat(DownloadTypes.of("text/html")).hasToString("application/octet-stream");
        assertThat(DownloadTypes.of("application/xhtml+xml")).hasToString("application/octet-stream");
        assertThat(DownloadTypes.of("text/javascript")).hasToString("application/octet-stream");
        assertThat(DownloadTypes.of("application/xml")).hasToString("application/octet-stream");
        assertThat(DownloadTypes.of("not a type")).hasToString("application/octet-stream");
        assertThat(DownloadTypes.of("application/zip")).hasToString("application/zip");
        assertThat(DownloadTypes.of("image/svg+xml")).hasToString("image/svg+xml");
    }
}
