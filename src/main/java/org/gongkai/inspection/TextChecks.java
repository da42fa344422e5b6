package org.gongkai.inspection;

import java.util.ArrayList;
import java.util.List;

import org.gongkai.audit.AuditTrail;
import org.gongkai.support.RuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 严重错误 before publication: the office's list of wrongly written names, titles and formal expressions and of common wrong
 * words, and the scan of a text against it. The workflow shows the flags to the editor and the reviewer.
 */
@Service
public class TextChecks {

    public enum Category { NAME, EXPRESSION, WORD }

    /** One entry of the list. */
    public record Term(long id, String wrong, String correct, Category category, boolean active) {
        public String categoryKey() {
            return "inspection.term." + category.name();
        }
    }

    /** A wrong form found in a text, with a little context around it. */
    public record Flag(String wrong, String correct, Category category, String context) {
        public String categoryKey() {
            return "inspection.term." + category.name();
        }
    }

    private static final int CONTEXT = 12;

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;

    TextChecks(JdbcTemplate jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<Term> terms() {
        return jdbc.query("select id, wrong, correct, category, active from text_check_term order by category, wrong",
                (rs, n) -> new Term(rs.getLong(1), rs.getString(2), rs.getString(3), Category.valueOf(rs.getString(4)), rs.getBoolean(5)));
    }

    /** The wrong forms of the active list found in the text of an HTML body or a title. */
    @Transactional(readOnly = true)
    public List<Flag> scan(String... texts) {
        List<Flag> flags = new ArrayList<>();
        List<Term> active = terms().stream().filter(Term::active).toList();
        for (String html : texts) {
            if (html == null || html.isEmpty()) {
                continue;
            }
            String text = org.jsoup.Jsoup.parseBodyFragment(html).text();
            for (Term t : active) {
                int at = text.indexOf(t.wrong());
                if (at >= 0) {
                    int from = Math.max(0, at - CONTEXT);
                    int to = Math.min(text.length(), at + t.wrong().length() + CONTEXT);
                    flags.add(new Flag(t.wrong(), t.correct(), t.category(), text.substring(from, to)));
                }
            }
        }
        return flags;
    }

    @Transactional
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'SYSADMIN')")
    public void add(String wrong, String correct, Category category) {
        String w = wrong == null ? "" : wrong.strip();
        String c = correct == null ? "" : correct.strip();
        if (w.isEmpty() || w.length() > 60) {
            throw new RuleViolation("wrong", "inspection.error.wrong");
        }
        if (c.isEmpty() || c.length() > 120 || c.equals(w)) {
            throw new RuleViolation("correct", "inspection.error.correct");
        }
        if (category == null) {
            throw new RuleViolation("category", "inspection.error.category");
        }
        Integer exists = jdbc.queryForObject("select count(*) from text_check_term where wrong = ?", Integer.class, w);
        if (exists > 0) {
            throw new RuleViolation("wrong", "inspection.error.duplicate");
        }
        jdbc.update("insert into text_check_term (wrong, correct, category) values (?, ?, ?)", w, c, category.name());
        audit.record("inspection.termAdded", "text_check_term", w, w + " → " + c);
    }

    @Transactional
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'SYSADMIN')")
    public void setActive(long id, boolean active) {
        List<String> wrong = jdbc.queryForList("select wrong from text_check_term where id = ?", String.class, id);
        if (wrong.isEmpty()) {
            throw new org.gongkai.infrastructure.NotFoundException();
        }
        jdbc.update("update text_check_term set active = ? where id = ?", active, id);
        audit.record(active ? "inspection.termEnabled" : "inspection.termDisabled", "text_check_term", wrong.get(0), wrong.get(0));
    }
}
