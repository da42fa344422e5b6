package org.gongkai.content;

import java.util.List;

import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.RuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The 公开事项标准目录: each matter's legal basis, content, responsible department, time limit (text and, where the law counts
 * working days, the number), methods, level, five-disclosure stage (五公开) and cadence, from which compliance is tracked.
 */
@Service
public class DisclosureMatters {

    public enum Cadence { ONCE, MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY, ON_OCCURRENCE }

    public record Matter(long id, String name, String legalBasis, String content, long departmentId, String departmentName,
                         String timeLimit, Integer timeLimitWorkingDays, String methods, String level, String stage,
                         Cadence cadence, String yearlyDue, long version) {

        /** The day of the following year a yearly item is due, or null. */
        public java.time.MonthDay yearlyDueDay() {
            return yearlyDue == null || yearlyDue.isBlank() ? null : java.time.MonthDay.parse("--" + yearlyDue);
        }
    }

    public static final List<String> LEVELS = List.of("市", "区", "街道", "社区");
    public static final List<String> STAGES = List.of("决策", "执行", "管理", "服务", "结果");

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final org.springframework.context.ApplicationEventPublisher events;

    private final IdentityManagement identity;

    DisclosureMatters(JdbcTemplate jdbc, AuditTrail audit, org.springframework.context.ApplicationEventPublisher events,
                      IdentityManagement identity) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.audit = audit;
        this.events = events;
    }

    /** A catalogue column where a matter's items are published. */
    public record Column(String code, String name) {
    }

    /** The (not retired) columns of each matter, for the public standard catalogue. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, List<Column>> columns() {
        java.util.Map<Long, List<Column>> columns = new java.util.HashMap<>();
        jdbc.query("select disclosure_matter_id, code, name from catalogue_node where disclosure_matter_id is not null and not retired"
                + " order by position, id", rs -> {
            columns.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(new Column(rs.getString(2), rs.getString(3)));
        });
        return columns;
    }

    /** The columns of each matter, retired ones too, as catalogue codes: where the matter's items count as published. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, List<String>> columnCodes() {
        java.util.Map<Long, List<String>> codes = new java.util.HashMap<>();
        jdbc.query("select disclosure_matter_id, code from catalogue_node where disclosure_matter_id is not null", rs -> {
            codes.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
        });
        return codes;
    }

    /** The statutory time limit in working days by catalogue code, for the columns of matters whose law counts them. */
    @Transactional(readOnly = true)
    public java.util.Map<String, Integer> workingDayLimitsByColumn() {
        java.util.Map<String, Integer> limits = new java.util.HashMap<>();
        jdbc.query("""
                select n.code, m.time_limit_working_days from catalogue_node n join disclosure_matter m on m.id = n.disclosure_matter_id
                where m.time_limit_working_days is not null""", rs -> { limits.put(rs.getString(1), rs.getInt(2)); });
        return limits;
    }

    @Transactional(readOnly = true)
    public List<Matter> all() {
        java.util.Map<Long, String> departments = identity.departmentNames();
        return jdbc.query("select m.* from disclosure_matter m order by m.id", (rs, n) -> new Matter(rs.getLong("id"), rs.getString("name"),
                rs.getString("legal_basis"), rs.getString("content"), rs.getLong("responsible_department_id"),
                departments.get(rs.getLong("responsible_department_id")),
                rs.getString("time_limit"), (Integer) rs.getObject("time_limit_working_days"), rs.getString("methods"),
                rs.getString("level"), rs.getString("stage"), Cadence.valueOf(rs.getString("cadence")), rs.getString("yearly_due"), rs.getLong("version")));
    }

    @Transactional(readOnly = true)
    public Matter one(long id) {
        return all().stream().filter(m -> m.id() == id).findFirst().orElseThrow(NotFoundException::new);
    }

    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public void update(long id, long version, Matter in) {
        if (in.name() == null || in.name().isBlank() || in.name().length() > 100) {
            throw new RuleViolation("name", "matter.error.name");
        }
        if (in.legalBasis() == null || in.legalBasis().isBlank()) {
            throw new RuleViolation("legalBasis", "matter.error.legalBasis");
        }
        if (in.timeLimitWorkingDays() != null && (in.timeLimitWorkingDays() < 1 || in.timeLimitWorkingDays() > 60)) {
            throw new RuleViolation("timeLimitWorkingDays", "matter.error.days");
        }
        String yearlyDue = in.yearlyDue() == null || in.yearlyDue().isBlank() ? null : in.yearlyDue().strip();
        if (yearlyDue != null) {
            try {
                java.time.MonthDay.parse("--" + yearlyDue);
            } catch (java.time.format.DateTimeParseException e) {
                throw new RuleViolation("yearlyDue", "matter.error.yearlyDue");
            }
        }
        if (!LEVELS.contains(in.level()) || !STAGES.contains(in.stage()) || in.cadence() == null) {
            throw new RuleViolation("stage", "matter.error.choice");
        }
        int changed = jdbc.update("""
                update disclosure_matter set name = ?, legal_basis = ?, content = ?, responsible_department_id = ?, time_limit = ?,
                    time_limit_working_days = ?, methods = ?, level = ?, stage = ?, cadence = ?, yearly_due = ?, version = version + 1
                where id = ? and version = ?""", in.name().strip(), in.legalBasis().strip(), in.content() == null ? "" : in.content().strip(),
                in.departmentId(), in.timeLimit() == null ? "" : in.timeLimit().strip(), in.timeLimitWorkingDays(),
                in.methods() == null ? "" : in.methods().strip(), in.level(), in.stage(), in.cadence().name(), yearlyDue, id, version);
        if (changed != 1) {
            throw new ObjectOptimisticLockingFailureException(Matter.class, id);
        }
        audit.record("matter.changed", "matter", id, in.name().strip());
        events.publishEvent(new CatalogueChanged("")); // the public standard catalogue shows matters
    }
}
