package org.gongkai.inspection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gongkai.audit.AuditTrail;
import org.gongkai.support.RuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The self-check's thresholds, seeded with the figures of 国办秘函〔2019〕19号 and kept by the office. */
@Service
public class Thresholds {

    /** One threshold as the settings page lists it. */
    public record Threshold(String key, int value) {
        public String labelKey() {
            return "inspection.threshold." + key;
        }
    }

    /** All thresholds by key, with typed accessors for the built-in ones. */
    public record Values(Map<String, Integer> all) {
        public int get(String key) {
            return all.getOrDefault(key, 0);
        }
        public int staleDaysDynamic() { return get("staleDaysDynamic"); }
        public int staleDaysNotice() { return get("staleDaysNotice"); }
        public int staleDaysStatic() { return get("staleDaysStatic"); }
        public int staleColumnsVeto() { return get("staleColumnsVeto"); }
        public int longStaleColumnsVeto() { return get("longStaleColumnsVeto"); }
        public int blankColumnsVeto() { return get("blankColumnsVeto"); }
        public int homeStaleDays() { return get("homeStaleDays"); }
        public int unansweredDays() { return get("unansweredDays"); }
        public int remindDaysBefore() { return get("remindDaysBefore"); }
        public int interpretationWorkingDays() { return get("interpretationWorkingDays"); }
        public int feedbackDays() { return get("feedbackDays"); }
    }

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;

    Thresholds(JdbcTemplate jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<Threshold> list() {
        return jdbc.query("select key, value from inspection_threshold order by position", (rs, n) -> new Threshold(rs.getString(1), rs.getInt(2)));
    }

    @Transactional(readOnly = true)
    public Values values() {
        Map<String, Integer> all = new LinkedHashMap<>();
        list().forEach(t -> all.put(t.key(), t.value()));
        return new Values(all);
    }

    /** Changes thresholds; each value must be a whole number from 1 to 3660 (days or counts). Nothing is saved on a bad value. */
    @Transactional
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'SYSADMIN')")
    public void change(Map<String, String> values) {
        Map<String, Integer> current = values().all();
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (var e : values.entrySet()) {
            if (!current.containsKey(e.getKey())) {
                continue;
            }
            int v;
            try {
                v = Integer.parseInt(e.getValue() == null ? "" : e.getValue().strip());
            } catch (NumberFormatException ex) {
                throw new RuleViolation(e.getKey(), "inspection.error.threshold");
            }
            if (v < 1 || v > 3660) {
                throw new RuleViolation(e.getKey(), "inspection.error.threshold");
            }
            parsed.put(e.getKey(), v);
        }
        for (var e : parsed.entrySet()) {
            if (!e.getValue().equals(current.get(e.getKey()))) {
                jdbc.update("update inspection_threshold set value = ?, version = version + 1 where key = ?", e.getValue(), e.getKey());
                audit.record("inspection.thresholdChanged", "inspection_threshold", e.getKey(), current.get(e.getKey()) + " → " + e.getValue());
            }
        }
    }
}
