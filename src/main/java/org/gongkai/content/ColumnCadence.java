package org.gongkai.content;

import java.util.List;
import java.util.Optional;

import org.gongkai.audit.AuditTrail;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.RuleViolation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How often each column of the 信息公开目录 is expected to change (its kind and update interval), and whether it is left empty
 * on purpose (本栏目暂无此类信息, with a reason shown on its public page). The site self-check reads this; the office sets it.
 */
@Service
public class ColumnCadence {

    /** A column's kind, as the inspection indicators group columns by how often they must change. */
    public enum Kind {
        /** 工作动态: changes within weeks. */
        DYNAMIC,
        /** 要闻: changes within weeks. */
        NEWS,
        /** 通知公告: changes within months. */
        NOTICE,
        /** 政策文件: changes within months. */
        POLICY,
        /** 机构信息, 指南 and the like: no cadence unless an interval is set. */
        STATIC
    }

    /**
     * A column with its cadence. {@code intervalDays} null means the default of its kind; {@code matterDepartmentId} is the
     * department responsible for the column's disclosure matter, if it has one.
     */
    public record Column(long id, String code, String name, Long parentId, boolean retired, Kind kind, Integer intervalDays,
                         boolean intentionallyEmpty, String emptyReason, Long matterDepartmentId, long version) {
    }

    public record CadenceCommand(Kind kind, Integer intervalDays, boolean intentionallyEmpty, String emptyReason, long version) {
    }

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    ColumnCadence(JdbcTemplate jdbc, AuditTrail audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
    }

    private static final String SELECT = """
            select n.id, n.code, n.name, n.parent_id, n.retired, n.kind, n.update_interval_days, n.intentionally_empty,
                   n.empty_reason, m.responsible_department_id, n.version
            from catalogue_node n left join disclosure_matter m on m.id = n.disclosure_matter_id""";

    /** Every column, retired ones included, in tree order of position. */
    @Transactional(readOnly = true)
    public List<Column> columns() {
        return jdbc.query(SELECT + " order by n.position, n.id", (rs, i) -> new Column(rs.getLong(1), rs.getString(2),
                rs.getString(3), (Long) rs.getObject(4), rs.getBoolean(5), Kind.valueOf(rs.getString(6)),
                (Integer) rs.getObject(7), rs.getBoolean(8), rs.getString(9), (Long) rs.getObject(10), rs.getLong(11)));
    }

    @Transactional(readOnly = true)
    public Optional<Column> column(String code) {
        return columns().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The public note of a column left empty on purpose, if it is. */
    @Transactional(readOnly = true)
    public Optional<String> emptyNote(String code) {
        return jdbc.queryForList("select empty_reason from catalogue_node where code = ? and intentionally_empty", String.class, code)
                .stream().findFirst();
    }

    /** The office sets a column's kind, interval and intentional emptiness; a reason is required to mark it empty. */
    @Transactional
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'SYSADMIN')")
    public void change(long id, CadenceCommand c) {
        Column column = columns().stream().filter(x -> x.id() == id).findFirst().orElseThrow(NotFoundException::new);
        if (c.kind() == null) {
            throw new RuleViolation("kind", "cadence.error.kind");
        }
        if (c.intervalDays() != null && (c.intervalDays() < 1 || c.intervalDays() > 3660)) {
            throw new RuleViolation("intervalDays", "cadence.error.interval");
        }
        String reason = c.emptyReason() == null ? "" : c.emptyReason().strip();
        if (c.intentionallyEmpty() && reason.isEmpty()) {
            throw new RuleViolation("emptyReason", "cadence.error.reason");
        }
        if (reason.length() > 200) {
            throw new RuleViolation("emptyReason", "cadence.error.reasonLength");
        }
        int changed = jdbc.update("""
                update catalogue_node set kind = ?, update_interval_days = ?, intentionally_empty = ?, empty_reason = ?,
                    version = version + 1 where id = ? and version = ?""", c.kind().name(), c.intervalDays(), c.intentionallyEmpty(),
                reason.isEmpty() ? null : reason, id, c.version());
        if (changed == 0) {
            throw new org.springframework.orm.ObjectOptimisticLockingFailureException(CatalogueNode.class, id);
        }
        audit.record("catalogue.cadenceChanged", "catalogue", column.code(), c.kind() + " / "
                + (c.intervalDays() == null ? "默认" : c.intervalDays() + "天") + (c.intentionallyEmpty() ? " / 暂无此类信息：" + reason : ""));
        events.publishEvent(new CatalogueChanged(column.code()));
    }

    /** For demo data and tests: marks a column empty on purpose unless it already says so (no audit, no version check). */
    @Transactional
    public boolean markEmptyIfUnset(String code, String reason) {
        return jdbc.update("update catalogue_node set intentionally_empty = true, empty_reason = ? where code = ? and not intentionally_empty",
                reason, code) > 0;
    }

    /** For demo data: sets a column's kind and interval. */
    @Transactional
    public void setKind(String code, Kind kind, Integer intervalDays) {
        jdbc.update("update catalogue_node set kind = ?, update_interval_days = ? where code = ?", kind.name(), intervalDays, code);
    }
}
