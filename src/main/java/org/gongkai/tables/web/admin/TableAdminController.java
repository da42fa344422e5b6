package org.gongkai.tables.web.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gongkai.identity.StaffPrincipal;
import org.gongkai.support.RuleViolation;
import org.gongkai.tables.Cadence;
import org.gongkai.tables.ChartConfig;
import org.gongkai.tables.ColumnType;
import org.gongkai.tables.MaskedTable;
import org.gongkai.tables.PersonalDataScanner;
import org.gongkai.tables.PublicationRule;
import org.gongkai.tables.RowsRejected;
import org.gongkai.tables.TableColumn;
import org.gongkai.tables.TableDetail;
import org.gongkai.tables.TableManagement;
import org.gongkai.tables.TableWriters;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Console pages of data tables: list, create, preview, raw data, grid entry, import, downloads, chart and scan. */
@Controller
@RequestMapping("/admin/tables")
class TableAdminController {

    private static final int GRID_ROWS = 5;

    private final TableManagement tables;
    private final org.gongkai.tables.TableTemplates templates;
    private final org.gongkai.tables.TableImports imports;

    TableAdminController(TableManagement tables, org.gongkai.tables.TableTemplates templates, org.gongkai.tables.TableImports imports) {
        this.templates = templates;
        this.imports = imports;
        this.tables = tables;
    }

    @GetMapping
    String list(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("tables", tables.tables(me));
        return "admin/tables/tables";
    }

    @GetMapping("/new")
    String newForm(Model model) {
        return createForm(model, null, "", "", null);
    }

    @PostMapping("/new")
    String create(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) Long templateId,
                  @RequestParam(defaultValue = "") String caption, @RequestParam(defaultValue = "") String cadence,
                  Model model, RedirectAttributes flash) {
        try {
            if (templateId == null) {
                throw new RuleViolation("templateId", "tables.table.error.template");
            }
            long id = tables.createStandalone(me, templateId, caption, cadenceOf(cadence));
            flash.addFlashAttribute("notice", "tables.table.created");
            return "redirect:/admin/tables/" + id;
        } catch (RuleViolation v) {
            return createForm(model, templateId, caption, cadence, v);
        }
    }

    private static Cadence cadenceOf(String value) {
        try {
            return Cadence.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String createForm(Model model, Long templateId, String caption, String cadence, RuleViolation violation) {
        model.addAttribute("templates", templates.templates());
        model.addAttribute("templateId", templateId);
        model.addAttribute("caption", caption);
        model.addAttribute("cadence", cadence);
        model.addAttribute("cadences", Cadence.values());
        model.addAttribute("violation", violation);
        return "admin/tables/table-new";
    }

    @GetMapping("/{id}")
    String show(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id, Model model) {
        model.addAttribute("table", tables.table(me, id));
        return "admin/tables/table";
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id, @RequestParam long version,
                  @RequestParam(defaultValue = "") String caption, @RequestParam(defaultValue = "") String cadence,
                  Model model, RedirectAttributes flash) {
        try {
            tables.updateTable(me, id, version, caption, cadenceOf(cadence));
            flash.addFlashAttribute("notice", "tables.table.saved");
            return "redirect:/admin/tables/" + id;
        } catch (RuleViolation v) {
            model.addAttribute("table", tables.table(me, id));
            model.addAttribute("violation", v);
            return "admin/tables/table";
        }
    }

    /** Every value as entered (audited when personal); the place to delete rows. */
    @GetMapping("/{id}/raw")
    String raw(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id, Model model) {
        TableDetail detail = tables.table(me, id);
        model.addAttribute("table", detail);
        model.addAttribute("raw", tables.rawTable(me, id));
        return "admin/tables/table-raw";
    }

    @PostMapping("/{id}/rows/{rowId}/delete")
    String deleteRow(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id, @PathVariable long rowId,
                     RedirectAttributes flash) {
        tables.deleteRow(me, id, rowId);
        flash.addFlashAttribute("notice", "tables.rows.deleted");
        return "redirect:/admin/tables/" + id + "/raw";
    }

    // ---- grid entry -----------------------------------------------------------------------------------------------

    @GetMapping("/{id}/rows/new")
    String grid(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id, @RequestParam(defaultValue = "0") int rows,
                Model model) {
        TableDetail detail = tables.table(me, id);
        int count = Math.max(GRID_ROWS, Math.min(rows, 50));
        List<Map<String, String>> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(Map.of());
        }
        return gridPage(model, detail, values, List.of());
    }

    @PostMapping("/{id}/rows/new")
    String addRows(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id, @RequestParam long version,
                   @RequestParam Map<String, String> params, Model model, RedirectAttributes flash) {
        TableDetail detail = tables.table(me, id);
        List<Map<String, String>> values = new ArrayList<>();
        for (int r = 0; params.containsKey("r" + r + ".present"); r++) {
            Map<String, String> row = new LinkedHashMap<>();
            for (TableColumn c : detail.columns()) {
                row.put(c.key(), params.getOrDefault("r" + r + "." + c.key(), ""));
            }
            values.add(row);
        }
        if (params.containsKey("more")) {
            for (int i = 0; i < GRID_ROWS; i++) {
                values.add(Map.of());
            }
            return gridPage(model, detail, values, List.of());
        }
        try {
            int added = tables.addRows(me, id, version, values);
            flash.addFlashAttribute("savedCount", added);
            return "redirect:/admin/tables/" + id;
        } catch (RowsRejected e) {
            model.addAttribute("errors", e.errors());
            return gridPage(model, detail, values, e.errors());
        } catch (RuleViolation v) {
            model.addAttribute("violation", v);
            return gridPage(model, detail, values, List.of());
        }
    }

    private String gridPage(Model model, TableDetail detail, List<Map<String, String>> values,
                            List<org.gongkai.tables.CellError> errors) {
        Map<String, String> errorAt = new LinkedHashMap<>();
        errors.forEach(e -> errorAt.put(e.row() + "|" + e.column(), e.messageKey()));
        model.addAttribute("table", detail);
        model.addAttribute("values", values);
        model.addAttribute("errorAt", errorAt);
        model.addAttribute("date", ColumnType.DATE);
        model.addAttribute("enumType", ColumnType.ENUM);
        return "admin/tables/table-grid";
    }

    // ---- import ---------------------------------------------------------------------------------------------------

    @GetMapping("/{id}/import")
    String importForm(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id, Model model) {
        model.addAttribute("table", tables.table(me, id));
        return "admin/tables/table-import";
    }

    @PostMapping("/{id}/import")
    String importFile(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id,
                      @RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "false") boolean replace,
                      Model model, RedirectAttributes flash) throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw new RuleViolation("file", "tables.import.error.noFile");
            }
            int count = imports.importFile(me, id, file.getOriginalFilename(), file.getBytes(), replace);
            flash.addFlashAttribute("importedCount", count);
            return "redirect:/admin/tables/" + id;
        } catch (RowsRejected e) {
            model.addAttribute("errors", e.errors());
            model.addAttribute("fileName", file.getOriginalFilename());
        } catch (RuleViolation v) {
            model.addAttribute("violation", v);
        }
        model.addAttribute("table", tables.table(me, id));
        return "admin/tables/table-import";
    }

    // ---- downloads ------------------------------------------------------------------------------------------------

    @GetMapping("/{id}/template.xlsx")
    ResponseEntity<byte[]> template(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id) {
        TableDetail t = tables.table(me, id);
        return Downloads.file(tables.tableTemplateWorkbook(me, id), Downloads.XLSX, t.caption() + "_填报模板.xlsx");
    }

    @GetMapping("/{id}/download.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id) {
        MaskedTable t = tables.publishedForm(me, id);
        return Downloads.file(TableWriters.csv(t), Downloads.CSV, t.caption() + ".csv");
    }

    @GetMapping("/{id}/download.json")
    ResponseEntity<byte[]> json(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id) {
        MaskedTable t = tables.publishedForm(me, id);
        return Downloads.file(TableWriters.json(t), MediaType.APPLICATION_JSON, t.caption() + ".json");
    }

    @GetMapping("/{id}/download.xlsx")
    ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id) {
        MaskedTable t = tables.publishedForm(me, id);
        return Downloads.file(TableWriters.xlsx(t), Downloads.XLSX, t.caption() + ".xlsx");
    }

    @GetMapping("/{id}/raw.xlsx")
    ResponseEntity<byte[]> rawXlsx(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id) {
        TableDetail t = tables.table(me, id);
        return Downloads.file(tables.rawWorkbook(me, id), Downloads.XLSX, t.caption() + "_原始数据.xlsx");
    }

    // ---- chart ----------------------------------------------------------------------------------------------------

    @GetMapping("/{id}/chart")
    String chartForm(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id, Model model) {
        TableDetail t = tables.table(me, id);
        ChartConfig c = t.chart();
        return chartPage(model, t, c == null ? "" : c.type().name(), c == null ? "" : c.categoryKey(),
                c == null ? List.of() : c.valueKeys(), null);
    }

    @PostMapping("/{id}/chart")
    String chart(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id, @RequestParam(defaultValue = "") String type,
                 @RequestParam(defaultValue = "") String categoryKey,
                 @RequestParam(required = false) List<String> valueKeys, Model model, RedirectAttributes flash) {
        List<String> values = valueKeys == null ? List.of() : valueKeys;
        try {
            ChartConfig config = null;
            if (!type.equals("NONE")) {
                ChartConfig.Type chartType;
                try {
                    chartType = ChartConfig.Type.valueOf(type);
                } catch (IllegalArgumentException e) {
                    throw new RuleViolation("type", "tables.chart.error.type");
                }
                config = new ChartConfig(chartType, categoryKey, values);
            }
            tables.configureChart(me, id, config);
            flash.addFlashAttribute("notice", "tables.chart.saved");
            return "redirect:/admin/tables/" + id;
        } catch (RuleViolation v) {
            return chartPage(model, tables.table(me, id), type, categoryKey, values, v);
        }
    }

    private String chartPage(Model model, TableDetail t, String type, String categoryKey, List<String> valueKeys,
                             RuleViolation violation) {
        model.addAttribute("table", t);
        var shown = t.columns().stream().filter(c -> c.rule() != PublicationRule.HIDE).toList();
        // the category column (the one chosen, else the select's first) is never offered as a value column
        String category = categoryKey != null && !categoryKey.isBlank() ? categoryKey : shown.isEmpty() ? null : shown.get(0).key();
        model.addAttribute("shown", shown);
        model.addAttribute("numeric", shown.stream().filter(c -> c.type().numeric() && !c.key().equals(category)).toList());
        model.addAttribute("type", type);
        model.addAttribute("categoryKey", category);
        model.addAttribute("valueKeys", valueKeys);
        model.addAttribute("violation", violation);
        return "admin/tables/table-chart";
    }

    // ---- personal-data scan ---------------------------------------------------------------------------------------

    @GetMapping("/{id}/scan")
    String scan(@AuthenticationPrincipal StaffPrincipal me, @PathVariable long id, Model model) {
        model.addAttribute("table", tables.table(me, id));
        model.addAttribute("hits", tables.scan(me, id));
        return "admin/tables/table-scan";
    }

    @GetMapping("/scan-file")
    String scanFileForm() {
        return "admin/tables/scan-file";
    }

    @PostMapping("/scan-file")
    String scanFile(@RequestParam(required = false) MultipartFile file, Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("violation", new RuleViolation("file", "tables.import.error.noFile"));
            return "admin/tables/scan-file";
        }
        try {
            model.addAttribute("hits", tables.scanAttachment(file.getOriginalFilename(), file.getBytes()));
            model.addAttribute("fileName", file.getOriginalFilename());
        } catch (PersonalDataScanner.UnreadableAttachment e) {
            model.addAttribute("violation", new RuleViolation("file", "tables.scan.error.unreadable"));
        }
        return "admin/tables/scan-file";
    }
}
