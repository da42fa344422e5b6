package org.gongkai.tables;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.RuleViolation;
import org.gongkai.tables.internal.TableStore;
import org.gongkai.tables.internal.TableStore.TableRow;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Imports a spreadsheet or CSV file into a data table: every row checked, all rows or none. */
@Service
public class TableImports {

    private final TableStore store;
    private final TableAccess access;
    private final AuditTrail audit;
    private final Clock clock;

    TableImports(TableStore store, TableAccess access, AuditTrail audit, Clock clock) {
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Imports a .xlsx or .csv file whose first row holds the column labels: all rows or none. With {@code replace} the
     * existing rows are replaced. Row numbers in the report are the spreadsheet's (the header is row 1).
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public int importFile(StaffPrincipal me, long id, String fileName, byte[] content, boolean replace) {
        TableRow t = access.editable(me, id);
        TemplateVersion v = store.version(t.templateVersionId()).orElseThrow(NotFoundException::new);
        List<List<String>> sheet;
        try {
            sheet = Sheets.read(fileName, content);
        } catch (Sheets.UnreadableFile e) {
            throw new RuleViolation("file", "tables.import.error.unreadable");
        }
        if (sheet.isEmpty()) {
            throw new RuleViolation("file", "tables.import.error.empty");
        }
        List<String> header = sheet.get(0).stream().map(h -> h == null ? "" : h.strip().replaceFirst("^[*＊]", "").strip()).toList();
        List<CellError> errors = new ArrayList<>();
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (TableColumn c : v.columns()) {
            int at = header.indexOf(c.label());
            if (at < 0) {
                at = header.indexOf(c.key());
            }
            if (at < 0) {
                errors.add(new CellError(1, c.label(), "tables.import.error.missingColumn"));
            } else {
                positions.put(c.key(), at);
            }
        }
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (!h.isEmpty() && !positions.containsValue(i)) {
                errors.add(new CellError(1, h, "tables.import.error.unknownColumn"));
            }
        }
        if (!errors.isEmpty()) {
            throw new RowsRejected(errors);
        }
        List<Map<String, String>> input = new ArrayList<>();
        for (List<String> line : sheet.subList(1, sheet.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            positions.forEach((key, at) -> row.put(key, at < line.size() ? line.get(at) : ""));
            input.add(row);
        }
        List<Map<String, String>> rows = TableManagement.validate(v.columns(), input, 2);
        if (rows.isEmpty()) {
            throw new RuleViolation("file", "tables.import.error.empty");
        }
        store.touch(id, null, Instant.now(clock));
        if (replace) {
            store.deleteRows(id);
        }
        store.appendRows(id, rows);
        audit.record("tables.import", "data_table", id, t.caption() + "：导入" + rows.size() + "行" + (replace ? "（替换原有数据）" : ""));
        return rows.size();
    }
}
