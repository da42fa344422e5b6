package org.gongkai.tables.web.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.gongkai.support.RuleViolation;
import org.gongkai.tables.ColumnType;
import org.gongkai.tables.PublicationRule;
import org.gongkai.tables.TableColumn;
import org.gongkai.tables.TableTemplates;
import org.gongkai.tables.TemplateVersion;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** SYSADMIN console for table templates: list, create, edit (a new version once data exists), fill-in workbook. */
@Controller
@RequestMapping("/admin/table-templates")
class TemplateAdminController {

    /** Blank column rows offered for adding columns (more with ?more=). */
    private static final int BLANK_ROWS = 3;

    private final TableTemplates tables;

    TemplateAdminController(TableTemplates tables) {
        this.tables = tables;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("templates", tables.templatesToAdminister());
        return "admin/tables/templates";
    }

    @GetMapping("/new")
    String newForm(@RequestParam(defaultValue = "0") int more, Model model) {
        tables.templatesToAdminister();
        return form(model, null, "", "", 0, List.of(), more, null);
    }

    @PostMapping("/new")
    String create(@RequestParam Map<String, String> params, Model model, RedirectAttributes flash) {
        List<ColumnRow> rows = ColumnRow.parse(params);
        try {
            long id = tables.createTemplate(params.get("name"), params.get("description"), ColumnRow.columns(rows));
            flash.addFlashAttribute("notice", "tables.template.saved");
            return "redirect:/admin/table-templates/" + id;
        } catch (RuleViolation v) {
            return form(model, null, params.get("name"), params.get("description"), 0, rows, 0, v);
        }
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, @RequestParam(defaultValue = "0") int more, Model model) {
        TemplateVersion v = tables.templateToEdit(id);
        return form(model, v, v.name(), v.description(), v.versionNo(), v.columns().stream().map(ColumnRow::of).toList(), more, null);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @RequestParam Map<String, String> params, Model model, RedirectAttributes flash) {
        List<ColumnRow> rows = ColumnRow.parse(params);
        int expected = Integer.parseInt(params.getOrDefault("versionNo", "0"));
        try {
            int now = tables.updateTemplate(id, expected, params.get("description"), ColumnRow.columns(rows));
            flash.addFlashAttribute("notice", now > expected ? "tables.template.newVersion" : "tables.template.saved");
            return "redirect:/admin/table-templates/" + id;
        } catch (RuleViolation v) {
            TemplateVersion current = tables.templateToEdit(id);
            return form(model, current, current.name(), params.get("description"), expected, rows, 0, v);
        }
    }

    @GetMapping("/{id}/template.xlsx")
    ResponseEntity<byte[]> workbook(@PathVariable long id) {
        TemplateVersion v = tables.template(id);
        return Downloads.file(tables.templateWorkbook(id), Downloads.XLSX, v.name() + "_填报模板.xlsx");
    }

    private String form(Model model, TemplateVersion current, String name, String description, int versionNo,
                        List<ColumnRow> rows, int more, RuleViolation violation) {
        List<ColumnRow> all = new ArrayList<>(rows);
        for (int i = 0; i < BLANK_ROWS + Math.max(0, Math.min(more, 20)); i++) {
            all.add(ColumnRow.blank());
        }
        model.addAttribute("current", current);
        model.addAttribute("name", name);
        model.addAttribute("description", description);
        model.addAttribute("versionNo", versionNo);
        model.addAttribute("rows", all);
        model.addAttribute("types", ColumnType.values());
        model.addAttribute("rules", PublicationRule.values());
        model.addAttribute("violation", violation);
        return "admin/tables/template-form";
    }

    /** One line of the column grid as typed; blank lines and lines marked for removal are dropped. */
    record ColumnRow(String key, String label, String type, boolean required, String rule, String allowed, boolean remove) {

        static ColumnRow blank() {
            return new ColumnRow("", "", "TEXT", false, "SHOW", "", false);
        }

        static ColumnRow of(TableColumn c) {
            return new ColumnRow(c.key(), c.label(), c.type().name(), c.required(), c.rule().name(),
                    String.join("、", c.allowedValues()), false);
        }

        public boolean blankLine() {
            return (key == null || key.isBlank()) && (label == null || label.isBlank());
        }

        static List<ColumnRow> parse(Map<String, String> params) {
            List<ColumnRow> rows = new ArrayList<>();
            for (int i = 0; params.containsKey("c" + i + ".key"); i++) {
                String p = "c" + i + ".";
                ColumnRow row = new ColumnRow(params.get(p + "key").strip(), params.getOrDefault(p + "label", "").strip(),
                        params.getOrDefault(p + "type", "TEXT"), params.containsKey(p + "required"),
                        params.getOrDefault(p + "rule", "SHOW"), params.getOrDefault(p + "allowed", "").strip(),
                        params.containsKey(p + "remove"));
                if (!row.blankLine() && !row.remove()) {
                    rows.add(row);
                }
            }
            return rows;
        }

        static List<TableColumn> columns(List<ColumnRow> rows) {
            List<TableColumn> columns = new ArrayList<>();
            for (ColumnRow r : rows) {
                ColumnType type;
                PublicationRule rule;
                try {
                    type = ColumnType.valueOf(r.type());
                    rule = PublicationRule.valueOf(r.rule());
                } catch (IllegalArgumentException e) {
                    throw new RuleViolation("columns", "tables.template.error.type");
                }
                List<String> allowed = type == ColumnType.ENUM ? Arrays.stream(r.allowed().split("[、,，;；\\n]"))
                        .map(String::strip).filter(s -> !s.isEmpty()).distinct().toList() : List.of();
                columns.add(new TableColumn(r.key(), r.label(), type, r.required(), rule, allowed));
            }
            return columns;
        }
    }
}
