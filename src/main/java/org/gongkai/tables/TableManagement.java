package org.gongkai.tables;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.RuleViolation;
import org.gongkai.tables.internal.TableStore;
import org.gongkai.tables.internal.TableStore.TableRow;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data tables (the owning department's clerks enter data; reviewers see and scan); templates are {@link TableTemplates}',
 * file imports {@link TableImports}'.
 * Who sees a table: clerks of its department, reviewers and approvers covering that department. Raw personal values:
 * the department's own staff and reviewers, each view or export audited.
 */
@Service
public class TableManagement {

    /** Owner type of a table that belongs to no edition yet. */
    public static final String STANDALONE = "STANDALONE";

    private final TableStore store;
    private final TableAccess access;
    private final IdentityManagement identity;
    private final AuditTrail audit;
    private final Clock clock;

    TableManagement(TableStore store, TableAccess access, IdentityManagement identity, AuditTrail audit, Clock clock) {
        this.store = store;
        this.access = access;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- data tables ----------------------------------------------------------------------------------------------

    /** The tables the person may see: their department's as a clerk, the covered departments' as reviewer or approver. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<TableSummary> tables(StaffPrincipal me) {
        Map<Long, String> names = identity.departmentNames();
        List<Long> departments;
        if (me.has(Role.REVIEWER) || me.has(Role.APPROVER)) {
            departments = me.coveredDepartmentIds().isEmpty() ? null : new ArrayList<>(me.coveredDepartmentIds());
            if (departments != null && me.has(Role.CLERK)) {
                departments.add(me.departmentId());
            }
        } else if (me.has(Role.CLERK)) {
            departments = List.of(me.departmentId());
        } else {
            departments = List.of();
        }
        return store.tableList(departments).stream().map(r -> new TableSummary(((Number) r.get("id")).longValue(),
                (String) r.get("caption"), (String) r.get("template_name"), ((Number) r.get("version_no")).intValue(),
                ((Number) r.get("department_id")).longValue(), names.get(((Number) r.get("department_id")).longValue()),
                Cadence.valueOf((String) r.get("cadence")), ((Number) r.get("row_count")).intValue(),
                toInstant(r.get("updated_at")), (String) r.get("owner_type"))).toList();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }

    public static final String EDITION = "EDITION";

    /**
     * Attaches a standalone table of the clerk's department to an edition of the same department (the caller checked
     * that the edition is an editable draft). From then on the table is published, masked, with the edition.
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public void attachToEdition(StaffPrincipal me, long tableId, long editionId, long editionDepartmentId) {
        TableRow t = access.visible(me, tableId);
        if (t.departmentId() != me.departmentId() || editionDepartmentId != me.departmentId()
                || !store.changeOwner(tableId, STANDALONE, EDITION, editionId)) {
            throw new RuleViolation("tableId", "tables.error.attach");
        }
        audit.record("table.attached", "edition", editionId, t.caption());
    }

    /** The captions of an edition's tables, for the console. */
    @Transactional(readOnly = true)
    public List<TableSummary> ofEdition(StaffPrincipal me, long editionId) {
        return tables(me).stream().filter(t -> EDITION.equals(t.ownerType())).filter(t -> store.table(t.id())
                .map(r -> r.ownerId() != null && r.ownerId() == editionId).orElse(false)).toList();
    }

    /** Creates a standalone table of the person's department from the latest version of a template. */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public long createStandalone(StaffPrincipal me, long templateId, String caption, Cadence cadence) {
        return create(me.departmentId(), STANDALONE, null, templateId, caption, cadence);
    }

    /**
     * Creates a table for an owner (an edition, later) in a department; the caller has checked that the person may edit
     * the owner. The publication snapshot then takes {@link #publishedForm(long)}.
     */
    @Transactional
    public long create(long departmentId, String ownerType, Long ownerId, long templateId, String caption, Cadence cadence) {
        String c = caption == null ? "" : caption.strip();
        if (c.isEmpty() || c.length() > 200) {
            throw new RuleViolation("caption", "tables.table.error.caption");
        }
        if (cadence == null) {
            throw new RuleViolation("cadence", "tables.table.error.cadence");
        }
        TemplateVersion v = store.latestVersion(templateId).orElseThrow(() -> new RuleViolation("templateId", "tables.table.error.template"));
        long id = store.insertTable(v.id(), ownerType, ownerId, departmentId, c, cadence, Instant.now(clock));
        audit.record("tables.table.create", "data_table", id, c + "（" + v.name() + " 第" + v.versionNo() + "版）");
        return id;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public TableDetail table(StaffPrincipal me, long id) {
        TableRow t = access.visible(me, id);
        TemplateVersion v = store.version(t.templateVersionId()).orElseThrow(NotFoundException::new);
        Map<Long, Map<String, String>> rows = store.rows(id);
        MaskedTable published = PublicTable.of(t.caption(), v.columns(), new ArrayList<>(rows.values()));
        return new TableDetail(t.id(), t.caption(), v.templateId(), v.name(), v.versionNo(), t.departmentId(),
                identity.departmentNames().get(t.departmentId()), t.cadence(), t.ownerType(), t.ownerId(), t.version(),
                t.updatedAt(), v.columns(), new ArrayList<>(rows.keySet()), published, t.chart(),
                ChartOption.json(published, t.chart()), access.mayEdit(me, t), access.maySeeRaw(me, t), access.mayScan(me, t));
    }

    /** Every value as entered, for the department's own staff and reviewers; the view is audited. */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public MaskedTable rawTable(StaffPrincipal me, long id) {
        TableRow t = access.visible(me, id);
        if (!access.maySeeRaw(me, t)) {
            throw new NotFoundException();
        }
        TemplateVersion v = store.version(t.templateVersionId()).orElseThrow(NotFoundException::new);
        if (v.hasPersonalColumns()) {
            audit.record("tables.raw.view", "data_table", id, "查看原始个人信息：" + t.caption());
        }
        return PublicTable.raw(t.caption(), v.columns(), new ArrayList<>(store.rows(id).values()));
    }

    /** The raw table as .xlsx (for correcting and re-importing); audited when it holds personal columns. */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public byte[] rawWorkbook(StaffPrincipal me, long id) {
        TableRow t = access.visible(me, id);
        if (!access.maySeeRaw(me, t)) {
            throw new NotFoundException();
        }
        TemplateVersion v = store.version(t.templateVersionId()).orElseThrow(NotFoundException::new);
        if (v.hasPersonalColumns()) {
            audit.record("tables.raw.export", "data_table", id, "导出原始个人信息：" + t.caption());
        }
        return TableWriters.xlsx(PublicTable.raw(t.caption(), v.columns(), new ArrayList<>(store.rows(id).values())));
    }

    /** The published (masked) form, for the publication snapshot: callers must have their own right to the owner. */
    @Transactional(readOnly = true)
    public MaskedTable publishedForm(long id) {
        TableRow t = store.table(id).orElseThrow(NotFoundException::new);
        TemplateVersion v = store.version(t.templateVersionId()).orElseThrow(NotFoundException::new);
        return PublicTable.of(t.caption(), v.columns(), new ArrayList<>(store.rows(id).values()));
    }

    /**
     * The masked tables of an owner (e.g. an edition) as the JSON the publication snapshot stores
     * ({@code PublicationContent.maskedTablesJson}), each with its chart option; {@link PublishedTables#read} reads it back.
     */
    @Transactional(readOnly = true)
    public String publicationJson(String ownerType, long ownerId) {
        List<PublishedTables.Entry> entries = new ArrayList<>();
        for (long id : store.tableIdsOf(ownerType, ownerId)) {
            TableRow t = store.table(id).orElseThrow(NotFoundException::new);
            MaskedTable masked = publishedForm(id);
            entries.add(new PublishedTables.Entry(masked, ChartOption.json(masked, t.chart())));
        }
        return PublishedTables.json(entries);
    }

    /** The published form of a table the person may see (console preview and masked downloads). */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public MaskedTable publishedForm(StaffPrincipal me, long id) {
        access.visible(me, id);
        return publishedForm(id);
    }

    /** The fill-in workbook of the table's own template version. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public byte[] tableTemplateWorkbook(StaffPrincipal me, long id) {
        TableRow t = access.visible(me, id);
        TemplateVersion v = store.version(t.templateVersionId()).orElseThrow(NotFoundException::new);
        return Sheets.template(t.caption(), v.columns());
    }

    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public void updateTable(StaffPrincipal me, long id, long version, String caption, Cadence cadence) {
        TableRow t = access.editable(me, id);
        String c = caption == null ? "" : caption.strip();
        if (c.isEmpty() || c.length() > 200) {
            throw new RuleViolation("caption", "tables.table.error.caption");
        }
        if (cadence == null) {
            throw new RuleViolation("cadence", "tables.table.error.cadence");
        }
        if (!store.touch(id, version, Instant.now(clock))) {
            throw new ObjectOptimisticLockingFailureException("data_table", id);
        }
        store.updateMeta(id, c, cadence);
        audit.record("tables.table.update", "data_table", id, t.caption() + " → " + c);
    }

    /**
     * Adds rows typed into the grid (row numbers 1…n as on the form); blank rows are skipped. Any bad cell rejects all
     * rows with a report of every bad cell.
     */
    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public int addRows(StaffPrincipal me, long id, long version, List<Map<String, String>> input) {
        TableRow t = access.editable(me, id);
        TemplateVersion v = store.version(t.templateVersionId()).orElseThrow(NotFoundException::new);
        List<Map<String, String>> rows = validate(v.columns(), input, 1);
        if (rows.isEmpty()) {
            throw new RuleViolation(null, "tables.rows.error.empty");
        }
        if (!store.touch(id, version, Instant.now(clock))) {
            throw new ObjectOptimisticLockingFailureException("data_table", id);
        }
        store.appendRows(id, rows);
        audit.record("tables.rows.add", "data_table", id, t.caption() + "：新增" + rows.size() + "行");
        return rows.size();
    }

    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public void deleteRow(StaffPrincipal me, long id, long rowId) {
        TableRow t = access.editable(me, id);
        if (!store.deleteRow(id, rowId)) {
            throw new NotFoundException();
        }
        store.touch(id, null, Instant.now(clock));
        audit.record("tables.rows.delete", "data_table", id, t.caption() + "：删除1行");
    }

    /** Checks every cell; returns the normalised non-blank rows or throws {@link RowsRejected} with every bad cell. */
    static List<Map<String, String>> validate(List<TableColumn> columns, List<Map<String, String>> input, int firstRowNumber) {
        List<CellError> errors = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        for (int r = 0; r < input.size(); r++) {
            Map<String, String> raw = input.get(r);
            if (raw.values().stream().allMatch(x -> x == null || x.isBlank())) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (TableColumn c : columns) {
                CellValidation.Result result = CellValidation.check(c, raw.get(c.key()));
                if (result.ok()) {
                    row.put(c.key(), result.value());
                } else {
                    errors.add(new CellError(r + firstRowNumber, c.label(), result.errorKey()));
                }
            }
            rows.add(row);
        }
        if (!errors.isEmpty()) {
            throw new RowsRejected(errors);
        }
        return rows;
    }

    @Transactional
    @PreAuthorize("hasRole('CLERK')")
    public void configureChart(StaffPrincipal me, long id, ChartConfig chart) {
        TableRow t = access.editable(me, id);
        if (chart != null) {
            TemplateVersion v = store.version(t.templateVersionId()).orElseThrow(NotFoundException::new);
            Map<String, TableColumn> byKey = new LinkedHashMap<>();
            v.columns().forEach(c -> byKey.put(c.key(), c));
            TableColumn category = byKey.get(chart.categoryKey());
            if (category == null || category.rule() == PublicationRule.HIDE) {
                throw new RuleViolation("categoryKey", "tables.chart.error.category");
            }
            if (chart.valueKeys().isEmpty() || chart.valueKeys().stream().map(byKey::get)
                    .anyMatch(c -> c == null || !c.type().numeric() || c.rule() == PublicationRule.HIDE)) {
                throw new RuleViolation("valueKeys", "tables.chart.error.values");
            }
            if (chart.valueKeys().contains(chart.categoryKey())) {
                throw new RuleViolation("valueKeys", "tables.chart.error.valueIsCategory");
            }
        }
        store.updateChart(id, chart);
        store.touch(id, null, Instant.now(clock));
        audit.record("tables.chart", "data_table", id, t.caption() + (chart == null ? "：取消图表" : "：配置图表"));
    }

    /**
     * Scans the table's free-text columns (TEXT type) for personal data that should have been in a personal column:
     * the hits a reviewer must see before the table is published.
     */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public List<PersonalDataScanner.Hit> scan(StaffPrincipal me, long id) {
        TableRow t = access.visible(me, id);
        if (!access.mayScan(me, t)) {
            throw new NotFoundException();
        }
        TemplateVersion v = store.version(t.templateVersionId()).orElseThrow(NotFoundException::new);
        List<PersonalDataScanner.Hit> hits = new ArrayList<>();
        int rowNumber = 0;
        for (Map<String, String> row : store.rows(id).values()) {
            rowNumber++;
            for (TableColumn c : v.columns()) {
                if (c.type() == ColumnType.TEXT || c.type() == ColumnType.ADDRESS && c.rule() == PublicationRule.SHOW) {
                    hits.addAll(PersonalDataScanner.scanText(row.get(c.key()), "第" + rowNumber + "行 " + c.label()));
                }
            }
        }
        PersonalDataScanner.scanText(t.caption(), "标题").forEach(hits::add);
        audit.record("tables.scan", "data_table", id, t.caption() + "：发现" + hits.size() + "处疑似个人信息");
        return hits;
    }

    /** Scans an attachment (PDF, DOCX, XLSX, text) a clerk or reviewer uploads; nothing is stored. */
    @PreAuthorize("hasAnyRole('CLERK', 'REVIEWER', 'APPROVER')")
    public List<PersonalDataScanner.Hit> scanAttachment(String fileName, byte[] content) {
        return PersonalDataScanner.scanAttachment(fileName, content);
    }


}
