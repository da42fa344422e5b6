package org.gongkai.tables.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.publication.PublicViews.PublicItem;
import org.gongkai.publication.PublishedItems;
import org.gongkai.tables.MaskedTable;
import org.gongkai.tables.PublishedTables;
import org.gongkai.tables.TableWriters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Public downloads of an item's tables and the open-data catalogue (/data). Everything comes from the publication snapshot,
 * where tables are already masked, so the files hold exactly what the page shows.
 */
@Controller
class PublicDataController {

    private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final PublishedItems published;
    private final String baseUrl;

    private final java.time.ZoneId zone;

    PublicDataController(PublishedItems published, @Value("${gongkai.base-url}") String baseUrl, java.time.ZoneId zone) {
        this.zone = zone;
        this.published = published;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @GetMapping("/items/{id}/data.csv")
    ResponseEntity<byte[]> csv(@PathVariable String id, @RequestParam(defaultValue = "1") int table) {
        MaskedTable t = table(id, table);
        return download(TableWriters.csv(t), MediaType.parseMediaType("text/csv;charset=UTF-8"), t.caption() + ".csv");
    }

    @GetMapping("/items/{id}/data.json")
    ResponseEntity<byte[]> json(@PathVariable String id, @RequestParam(defaultValue = "1") int table) {
        MaskedTable t = table(id, table);
        return download(TableWriters.json(t), MediaType.APPLICATION_JSON, t.caption() + ".json");
    }

    @GetMapping("/items/{id}/data.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable String id, @RequestParam(defaultValue = "1") int table) {
        MaskedTable t = table(id, table);
        return download(TableWriters.xlsx(t), XLSX, t.caption() + ".xlsx");
    }

    /** One line of the open-data catalogue. */
    record DataSet(String documentId, String title, String table, int tableNumber, String department, String catalogue,
                   String lastUpdated, int rows, List<String> formats) {
    }

    @GetMapping("/data")
    String catalogue(Model model) {
        model.addAttribute("datasets", datasets());
        return "portal/data";
    }

    @GetMapping(value = "/data.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<Map<String, Object>> catalogueJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DataSet d : datasets()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("title", d.table());
            entry.put("item", d.title());
            entry.put("itemUrl", baseUrl + "/items/" + d.documentId());
            entry.put("department", d.department());
            entry.put("catalogue", d.catalogue());
            entry.put("lastUpdated", d.lastUpdated());
            entry.put("rows", d.rows());
            Map<String, String> links = new LinkedHashMap<>();
            for (String format : d.formats()) {
                links.put(format, baseUrl + "/items/" + d.documentId() + "/data." + format + "?table=" + d.tableNumber());
            }
            entry.put("downloads", links);
            out.add(entry);
        }
        return out;
    }

    private List<DataSet> datasets() {
        List<DataSet> sets = new ArrayList<>();
        for (PublishedItems.ItemWithTables item : published.withTables(2000)) {
            List<PublishedTables.Entry> tables = PublishedTables.read(item.maskedTablesJson());
            for (int i = 0; i < tables.size(); i++) {
                MaskedTable t = tables.get(i).table();
                sets.add(new DataSet(item.item().documentId(), item.item().title(), t.caption(), i + 1,
                        item.item().issuingDepartmentName(), item.item().catalogueName(),
                        item.lastChanged().atZone(zone).toLocalDate().toString(),
                        t.rows().size(), List.of("csv", "json", "xlsx")));
            }
        }
        return sets;
    }

    private MaskedTable table(String id, int number) {
        PublicItem item = published.find(id).orElseThrow(NotFoundException::new);
        List<PublishedTables.Entry> tables = PublishedTables.read(item.maskedTablesJson());
        if (number < 1 || number > tables.size()) {
            throw new NotFoundException();
        }
        return tables.get(number - 1).table();
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String filename) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }
}
