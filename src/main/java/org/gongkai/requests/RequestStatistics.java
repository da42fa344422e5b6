package org.gongkai.requests;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts of requests, the public API for the annual report (Table 3 of the 2021 format) and the console statistics.
 * Only aggregates leave this class: no applicant data.
 */
@Service
public class RequestStatistics {

    private final JdbcTemplate jdbc;

    private final org.gongkai.identity.IdentityManagement identity;

    RequestStatistics(JdbcTemplate jdbc, org.gongkai.identity.IdentityManagement identity) {
        this.jdbc = jdbc;
        this.identity = identity;
    }

    /** Requests received and finished (replied or withdrawn) per month of a year. */
    public record MonthCount(int month, long received, long finished) {
    }

    @Transactional(readOnly = true)
    public List<MonthCount> byMonth(int year) {
        List<MonthCount> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            LocalDate from = LocalDate.of(year, m, 1);
            LocalDate to = from.plusMonths(1);
            long received = jdbc.queryForObject("select count(*) from info_request where received_on >= ? and received_on < ?",
                    Long.class, from, to);
            long finished = jdbc.queryForObject("""
                    select count(*) from info_request where coalesce(replied_on, withdrawn_on) >= ? and coalesce(replied_on, withdrawn_on) < ?""",
                    Long.class, from, to);
            months.add(new MonthCount(m, received, finished));
        }
        return months;
    }

    /** Requests received in the year per assigned department (unassigned ones under an empty name). */
    @Transactional(readOnly = true)
    public Map<String, Long> byDepartment(int year) {
        Map<Long, String> names = identity.departmentNames();
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.query("""
                select r.department_id, count(*) as n from info_request r
                where extract(year from r.received_on) = ? group by r.department_id""",
                rs -> {
                    long department = rs.getLong("department_id");
                    String name = rs.wasNull() ? "" : names.getOrDefault(department, "");
                    counts.merge(name, rs.getLong("n"), Long::sum);
                }, year);
        Map<String, Long> result = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /** Requests received in the year per applicant column. */
    @Transactional(readOnly = true)
    public Map<ApplicantCategory, Long> byApplicantCategory(int year) {
        Map<ApplicantCategory, Long> result = new EnumMap<>(ApplicantCategory.class);
        for (ApplicantCategory c : ApplicantCategory.values()) {
            result.put(c, 0L);
        }
        jdbc.query("select applicant_category, count(*) from info_request where extract(year from received_on) = ? group by 1",
                rs -> { result.put(ApplicantCategory.valueOf(rs.getString(1)), rs.getLong(2)); }, year);
        return result;
    }

    /** Replies issued in the year per reply type. */
    @Transactional(readOnly = true)
    public Map<ReplyType, Long> byReplyType(int year) {
        Map<ReplyType, Long> result = new EnumMap<>(ReplyType.class);
        for (ReplyType t : ReplyType.values()) {
            result.put(t, 0L);
        }
        jdbc.query("select reply_type, count(*) from info_request where extract(year from replied_on) = ? group by 1",
                rs -> { result.put(ReplyType.valueOf(rs.getString(1)), rs.getLong(2)); }, year);
        return result;
    }

    /**
     * Table 3 of the annual report for a year: every one of the 25 rows with a count per applicant column (the 总计 column
     * is the sum of the six). A request counts under the row of its outcome in the year it was replied or withdrawn.
     */
    @Transactional(readOnly = true)
    public Map<Table3Row, Map<ApplicantCategory, Long>> table3(int year) {
        Map<Table3Row, Map<ApplicantCategory, Long>> table = new EnumMap<>(Table3Row.class);
        for (Table3Row row : Table3Row.values()) {
            Map<ApplicantCategory, Long> columns = new EnumMap<>(ApplicantCategory.class);
            for (ApplicantCategory c : ApplicantCategory.values()) {
                columns.put(c, 0L);
            }
            table.put(row, columns);
        }
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        jdbc.query("""
                select applicant_category, state, reply_type, reply_ground, received_on, coalesce(replied_on, withdrawn_on) as finished_on
                from info_request where received_on <= ?""", rs -> {
            ApplicantCategory category = ApplicantCategory.valueOf(rs.getString("applicant_category"));
            LocalDate received = rs.getObject("received_on", LocalDate.class);
            LocalDate finished = rs.getObject("finished_on", LocalDate.class);
            if (!received.isBefore(first)) {
                add(table, Table3Row.NEW_RECEIVED, category);
            } else if (finished == null || !finished.isBefore(first)) {
                add(table, Table3Row.CARRIED_OVER, category);
            }
            if (finished != null && !finished.isBefore(first) && !finished.isAfter(last)) {
                RequestState state = RequestState.valueOf(rs.getString("state"));
                String type = rs.getString("reply_type");
                String ground = rs.getString("reply_ground");
                boolean replied = state == RequestState.REPLIED || state == RequestState.CLOSED;
                Table3Row row = Table3Row.of(state, replied ? ReplyType.valueOf(type) : null,
                        ground == null ? NotDisclosedGround.LAW_FORBIDS : NotDisclosedGround.valueOf(ground));
                add(table, row, category);
                add(table, Table3Row.TOTAL, category);
            }
            if (finished == null || finished.isAfter(last)) {
                add(table, Table3Row.CARRIED_FORWARD, category);
            }
        }, last);
        return table;
    }

    private static void add(Map<Table3Row, Map<ApplicantCategory, Long>> table, Table3Row row, ApplicantCategory c) {
        table.get(row).merge(c, 1L, Long::sum);
    }
}
