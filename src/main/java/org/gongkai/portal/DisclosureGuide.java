package org.gongkai.portal;

import java.util.List;

import org.gongkai.audit.AuditTrail;
import org.gongkai.support.RuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The 政府信息公开指南: sections of plain text that SYSADMIN edits; every change is audited. */
@Service
public class DisclosureGuide {

    /** One section; paragraphs are separated by line breaks. */
    public record Section(long id, int position, String heading, String body, long version) {

        public List<String> paragraphs() {
            return body.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final org.gongkai.infrastructure.PublicChanges changes;

    DisclosureGuide(JdbcTemplate jdbc, AuditTrail audit, org.gongkai.infrastructure.PublicChanges changes) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.changes = changes;
    }

    @Transactional(readOnly = true)
    public List<Section> sections() {
        return jdbc.query("select * from guide_section order by position", (rs, n) -> new Section(rs.getLong("id"),
                rs.getInt("position"), rs.getString("heading"), rs.getString("body"), rs.getLong("version")));
    }

    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public void update(long id, long version, String heading, String body) {
        if (heading == null || heading.isBlank() || heading.length() > 100) {
            throw new RuleViolation("heading", "guide.error.heading");
        }
        if (body == null || body.isBlank()) {
            throw new RuleViolation("body", "guide.error.body");
        }
        int changed = jdbc.update("update guide_section set heading = ?, body = ?, version = version + 1 where id = ? and version = ?",
                heading.strip(), body.strip(), id, version);
        if (changed != 1) {
            throw new ObjectOptimisticLockingFailureException(Section.class, id);
        }
        audit.record("guide.changed", "guide", id, heading.strip());
        changes.announce(); // every node's page cache forgets /guide when this commits
    }
}
