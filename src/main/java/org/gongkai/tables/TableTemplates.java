package org.gongkai.tables;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.gongkai.audit.AuditTrail;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.RuleViolation;
import org.gongkai.tables.internal.TableStore;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Table templates, kept by SYSADMIN: their columns (key, label, type, publication rule) in numbered versions. */
@Service
public class TableTemplates {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private final TableStore store;
    private final AuditTrail audit;

    TableTemplates(TableStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<TemplateSummary> templates() {
        return store.templates();
    }

    /** The template list of the SYSADMIN console. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SYSADMIN')")
    public List<TemplateSummary> templatesToAdminister() {
        return store.templates();
    }

    /** The latest version of a template, for editing in the SYSADMIN console. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('SYSADMIN')")
    public TemplateVersion templateToEdit(long templateId) {
        return template(templateId);
    }

    /** The latest version of a template. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public TemplateVersion template(long templateId) {
        return store.latestVersion(templateId).orElseThrow(NotFoundException::new);
    }

    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public long createTemplate(String name, String description, List<TableColumn> columns) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new RuleViolation("name", "tables.template.error.name");
        }
        if (store.templateIdByName(n).isPresent()) {
            throw new RuleViolation("name", "tables.template.error.nameTaken");
        }
        checkColumns(columns);
        long id = store.insertTemplate(n, description == null ? "" : description.strip());
        store.insertVersion(id, 1, columns);
        audit.record("tables.template.create", "table_template", id, n + "（" + columns.size() + "列）");
        return id;
    }

    /**
     * Saves a new column set: in place while no table uses the latest version, otherwise as the next version, so that the
     * tables already filled in keep the columns they were entered against. Returns the version number now current.
     */
    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public int updateTemplate(long templateId, int expectedVersionNo, String description, List<TableColumn> columns) {
        store.lockTemplate(templateId);
        TemplateVersion latest = store.latestVersion(templateId).orElseThrow(NotFoundException::new);
        if (latest.versionNo() != expectedVersionNo) {
            throw new ObjectOptimisticLockingFailureException("table_template", templateId);
        }
        checkColumns(columns);
        store.updateTemplateDescription(templateId, description == null ? "" : description.strip());
        int versionNo = latest.versionNo();
        if (latest.used()) {
            versionNo++;
            store.insertVersion(templateId, versionNo, columns);
        } else {
            store.replaceColumns(latest.id(), columns);
        }
        audit.record("tables.template.update", "table_template", templateId, latest.name() + " 第" + versionNo + "版");
        return versionNo;
    }

    /** The fill-in workbook of a template's latest version. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public byte[] templateWorkbook(long templateId) {
        TemplateVersion v = template(templateId);
        return Sheets.template(v.name(), v.columns());
    }

    /** Checks a column set: at least one column; keys and labels unique; enum values given; no raw ID, phone or account. */
    public static void checkColumns(List<TableColumn> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new RuleViolation("columns", "tables.template.error.noColumns");
        }
        Set<String> keys = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (TableColumn c : columns) {
            if (c.key() == null || !KEY.matcher(c.key()).matches()) {
                throw new RuleViolation("columns", "tables.template.error.key");
            }
            if (c.label() == null || c.label().isBlank() || c.label().length() > 60) {
                throw new RuleViolation("columns", "tables.template.error.label");
            }
            if (!keys.add(c.key()) || !labels.add(c.label().strip())) {
                throw new RuleViolation("columns", "tables.template.error.duplicate");
            }
            if (c.type() == ColumnType.ENUM && c.allowedValues().isEmpty()) {
                throw new RuleViolation("columns", "tables.template.error.enumValues");
            }
            if (c.type().mustNotBeShown() && c.rule() == PublicationRule.SHOW) {
                throw new RuleViolation("columns", "tables.template.error.mustMask");
            }
        }
    }
}
