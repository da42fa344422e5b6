package org.gongkai.tables.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gongkai.tables.Cadence;
import org.gongkai.tables.ChartConfig;
import org.gongkai.tables.TableColumn;
import org.gongkai.tables.TemplateSummary;
import org.gongkai.tables.TemplateVersion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL of templates, data tables and rows; row and column sets are jsonb. Used only by the tables feature. */
@Component
public class TableStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<TableColumn>> COLUMNS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> CELLS = new TypeReference<>() { };

    private final JdbcTemplate jdbc;

    TableStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A data table row in the database. */
    public record TableRow(long id, long templateVersionId, String ownerType, Long ownerId, long departmentId, String caption,
                           Cadence cadence, ChartConfig chart, long version, Instant updatedAt) {
    }

    // ---- templates ------------------------------------------------------------------------------------------------

    public List<TemplateSummary> templates() {
        return jdbc.query("""
                select t.id, t.name, t.description, v.version_no, jsonb_array_length(v.columns) as column_count,
                       (select count(*) from data_table d join table_template_version x on x.id = d.template_version_id
                         where x.template_id = t.id) as table_count
                from table_template t
                join table_template_version v on v.template_id = t.id
                 and v.version_no = (select max(version_no) from table_template_version where template_id = t.id)
                order by t.id""",
                (rs, i) -> new TemplateSummary(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                        rs.getInt("version_no"), rs.getInt("column_count"), rs.getInt("table_count")));
    }

    public Optional<Long> templateIdByName(String name) {
        return jdbc.query("select id from table_template where name = ?", (rs, i) -> rs.getLong(1), name).stream().findFirst();
    }

    public Optional<TemplateVersion> latestVersion(long templateId) {
        return jdbc.query(VERSION_SQL + " where v.template_id = ? order by v.version_no desc limit 1", this::mapVersion, templateId)
                .stream().findFirst();
    }

    public Optional<TemplateVersion> version(long versionId) {
        return jdbc.query(VERSION_SQL + " where v.id = ?", this::mapVersion, versionId).stream().findFirst();
    }

    private static final String VERSION_SQL = """
            select v.id, v.template_id, t.name, t.description, v.version_no, v.columns::text as columns,
                   exists (select 1 from data_table d where d.template_version_id = v.id) as used
            from table_template_version v join table_template t on t.id = v.template_id""";

    private TemplateVersion mapVersion(ResultSet rs, int i) throws SQLException {
        return new TemplateVersion(rs.getLong("id"), rs.getLong("template_id"), rs.getString("name"),
                rs.getString("description"), rs.getInt("version_no"), JSON.readValue(rs.getString("columns"), COLUMNS),
                rs.getBoolean("used"));
    }

    public long insertTemplate(String name, String description) {
        return jdbc.queryForObject("insert into table_template (name, description) values (?, ?) returning id", Long.class,
                name, description);
    }

    public void updateTemplateDescription(long templateId, String description) {
        jdbc.update("update table_template set description = ? where id = ?", description, templateId);
    }

    public long insertVersion(long templateId, int versionNo, List<TableColumn> columns) {
        return jdbc.queryForObject("insert into table_template_version (template_id, version_no, columns) values (?, ?, ?::jsonb) returning id",
                Long.class, templateId, versionNo, JSON.writeValueAsString(columns));
    }

    public void replaceColumns(long versionId, List<TableColumn> columns) {
        jdbc.update("update table_template_version set columns = ?::jsonb where id = ?", JSON.writeValueAsString(columns), versionId);
    }

    /** Locks the template row so two edits cannot both create version n + 1. */
    public void lockTemplate(long templateId) {
        jdbc.query("select id from table_template where id = ? for update", rs -> null, templateId);
    }

    // ---- data tables ----------------------------------------------------------------------------------------------

    private static final String TABLE_SQL = "select id, template_version_id, owner_type, owner_id, department_id, caption, "
            + "cadence, chart::text as chart, version, updated_at from data_table";

    private TableRow mapTable(ResultSet rs, int i) throws SQLException {
        String chart = rs.getString("chart");
        long owner = rs.getLong("owner_id");
        Long ownerId = rs.wasNull() ? null : owner;
        return new TableRow(rs.getLong("id"), rs.getLong("template_version_id"), rs.getString("owner_type"), ownerId,
                rs.getLong("department_id"), rs.getString("caption"), Cadence.valueOf(rs.getString("cadence")),
                chart == null ? null : JSON.readValue(chart, ChartConfig.class), rs.getLong("version"),
                rs.getTimestamp("updated_at").toInstant());
    }

    public Optional<TableRow> table(long id) {
        return jdbc.query(TABLE_SQL + " where id = ?", this::mapTable, id).stream().findFirst();
    }

    public Optional<TableRow> tableForUpdate(long id) {
        return jdbc.query(TABLE_SQL + " where id = ? for update", this::mapTable, id).stream().findFirst();
    }

    /** Tables of the given departments (null: all), newest change first, with template name, version and row count. */
    public List<Map<String, Object>> tableList(List<Long> departmentIds) {
        String where = departmentIds == null ? "" : departmentIds.isEmpty() ? " where false"
                : " where d.department_id in (" + String.join(",", departmentIds.stream().map(String::valueOf).toList()) + ")";
        return jdbc.queryForList("""
                select d.id, d.caption, t.name as template_name, v.version_no, d.department_id, d.cadence, d.updated_at, d.owner_type,
                       (select count(*) from data_table_row r where r.table_id = d.id) as row_count
                from data_table d join table_template_version v on v.id = d.template_version_id
                join table_template t on t.id = v.template_id""" + where + " order by d.updated_at desc, d.id desc");
    }

    public List<Long> tableIdsOf(String ownerType, long ownerId) {
        return jdbc.queryForList("select id from data_table where owner_type = ? and owner_id = ? order by id", Long.class,
                ownerType, ownerId);
    }

    /** Whether a department has a table with this caption, standalone or already attached to an edition. */
    public boolean hasTableWithCaption(long departmentId, String caption) {
        return jdbc.queryForObject("select exists (select 1 from data_table where department_id = ? and caption = ?)", Boolean.class,
                departmentId, caption);
    }

    public long insertTable(long versionId, String ownerType, Long ownerId, long departmentId, String caption, Cadence cadence,
                            Instant now) {
        return jdbc.queryForObject("""
                insert into data_table (template_version_id, owner_type, owner_id, department_id, caption, cadence, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, versionId, ownerType, ownerId, departmentId, caption,
                cadence.name(), Timestamp.from(now), Timestamp.from(now));
    }

    /** Bumps the version and change time; false when the expected version is stale. */
    public boolean touch(long id, Long expectedVersion, Instant now) {
        if (expectedVersion == null) {
            return jdbc.update("update data_table set version = version + 1, updated_at = ? where id = ?", Timestamp.from(now), id) == 1;
        }
        return jdbc.update("update data_table set version = version + 1, updated_at = ? where id = ? and version = ?",
                Timestamp.from(now), id, expectedVersion) == 1;
    }

    /** Moves a table to another owner (a standalone table attached to an edition). */
    public boolean changeOwner(long id, String fromType, String toType, Long toId) {
        return jdbc.update("update data_table set owner_type = ?, owner_id = ? where id = ? and owner_type = ?", toType, toId, id,
                fromType) == 1;
    }

    public void updateChart(long id, ChartConfig chart) {
        jdbc.update("update data_table set chart = ?::jsonb where id = ?", chart == null ? null : JSON.writeValueAsString(chart), id);
    }

    public void updateMeta(long id, String caption, Cadence cadence) {
        jdbc.update("update data_table set caption = ?, cadence = ? where id = ?", caption, cadence.name(), id);
    }

    // ---- rows -----------------------------------------------------------------------------------------------------

    /** Rows in order, by row id. */
    public Map<Long, Map<String, String>> rows(long tableId) {
        Map<Long, Map<String, String>> rows = new LinkedHashMap<>();
        jdbc.query("select id, cells::text as cells from data_table_row where table_id = ? order by position", rs -> {
            rows.put(rs.getLong("id"), JSON.readValue(rs.getString("cells"), CELLS));
        }, tableId);
        return rows;
    }

    public void appendRows(long tableId, List<Map<String, String>> rows) {
        Integer last = jdbc.queryForObject("select coalesce(max(position), 0) from data_table_row where table_id = ?",
                Integer.class, tableId);
        int position = last == null ? 0 : last;
        for (Map<String, String> row : rows) {
            jdbc.update("insert into data_table_row (table_id, position, cells) values (?, ?, ?::jsonb)", tableId, ++position,
                    JSON.writeValueAsString(row));
        }
    }

    public void deleteRows(long tableId) {
        jdbc.update("delete from data_table_row where table_id = ?", tableId);
    }

    public boolean deleteRow(long tableId, long rowId) {
        return jdbc.update("delete from data_table_row where table_id = ? and id = ?", tableId, rowId) == 1;
    }
}
