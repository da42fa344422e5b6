package org.gongkai.interaction;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.gongkai.interaction.Questions.*;

import org.gongkai.interaction.Questions.*;
import org.gongkai.audit.AuditTrail;
import org.gongkai.audit.SystemActor;
import org.gongkai.console.Notifications;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.infrastructure.PublicChanges;
import org.gongkai.interaction.internal.Redaction;
import org.gongkai.calendar.WorkingDayCalendar;
import org.gongkai.support.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/** The question table as the question services read it: a question with its working-day limit derived from today. */
@org.springframework.stereotype.Component
class QuestionRecords {

    static final String COLUMNS = """
            q.id, q.number, q.topic, q.title, q.body, q.asker_name, q.contact, q.may_publish, q.state, q.received_on, q.answer_days,
            q.department_id, q.answer, q.answered_by, q.answered_at, q.review_note, q.reviewed_by, q.reviewed_at, q.public_title,
            q.public_body, q.public_answer, q.published_at, q.related_document, q.version, q.submitted_at, q.answered_on""";

    private final JdbcTemplate jdbc;
    private final WorkingDayCalendar calendar;
    private final IdentityManagement identity;
    private final Clock clock;

    QuestionRecords(JdbcTemplate jdbc, WorkingDayCalendar calendar, IdentityManagement identity, Clock clock) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.identity = identity;
        this.clock = clock;
    }

    /** The questions the person may see that meet {@code condition} (built here, never from input), in one query. */
    List<QuestionView> visible(StaffPrincipal me, String condition) {
        var rules = calendar.rules();
        LocalDate today = LocalDate.now(clock);
        java.util.Map<Long, String> names = identity.departmentNames();
        return seesAll(me)
                ? jdbc.query("select " + COLUMNS + " from question q where " + condition + " order by q.id",
                        (rs, n) -> view(rs, rules, today, names))
                : jdbc.query("select " + COLUMNS + " from question q where " + condition + " and q.department_id = ? order by q.id",
                        (rs, n) -> view(rs, rules, today, names), me.departmentId());
    }

    static boolean seesAll(StaffPrincipal me) {
        return me.has(Role.REVIEWER) || me.has(Role.APPROVER);
    }

    QuestionView load(long id) {
        return load(id, calendar.rules(), LocalDate.now(clock));
    }

    QuestionView load(long id, WorkingDayCalendar.Rules rules, LocalDate today) {
        // the department's name comes from identity, which owns the table
        java.util.Map<Long, String> names = identity.departmentNames();
        List<QuestionView> found = jdbc.query("select " + COLUMNS + " from question q where q.id = ?",
                (rs, n) -> view(rs, rules, today, names), id);
        if (found.isEmpty()) {
            throw new NotFoundException();
        }
        return found.get(0);
    }

    static QuestionView view(ResultSet rs, WorkingDayCalendar.Rules rules, LocalDate today,
                                     java.util.Map<Long, String> departmentNames) throws SQLException {
        LocalDate receivedOn = rs.getObject("received_on", LocalDate.class);
        int days = rs.getInt("answer_days");
        LocalDate due = rules.addWorkingDays(receivedOn, days, List.of());
        int left = today.isAfter(due) ? -Math.max(1, rules.workingDaysBetween(due, today)) : rules.workingDaysBetween(today, due);
        return new QuestionView(rs.getLong("id"), rs.getString("number"), QuestionTopic.valueOf(rs.getString("topic")),
                rs.getString("title"), rs.getString("body"), rs.getString("asker_name"), rs.getString("contact"),
                rs.getBoolean("may_publish"), QuestionState.valueOf(rs.getString("state")), receivedOn, days, due, left,
                (Long) rs.getObject("department_id"), departmentNames.get((Long) rs.getObject("department_id")), rs.getString("answer"),
                (Long) rs.getObject("answered_by"), instant(rs, "answered_at"), rs.getObject("answered_on", LocalDate.class),
                rs.getString("review_note"), (Long) rs.getObject("reviewed_by"), instant(rs, "reviewed_at"),
                rs.getString("public_title"), rs.getString("public_body"), rs.getString("public_answer"),
                instant(rs, "published_at"), rs.getString("related_document"), rs.getLong("version"), instant(rs, "submitted_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    void update(long id, long version, String sql, Object... args) {
        if (jdbc.update(sql, args) != 1) {
            throw new ObjectOptimisticLockingFailureException("question", id);
        }
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
