package org.gongkai.interaction;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.gongkai.infrastructure.PublicChangeObserved;
import org.gongkai.infrastructure.PublicChanges;
import org.gongkai.interaction.internal.Redaction;
import org.gongkai.calendar.WorkingDayCalendar;
import org.gongkai.support.Kept;
import org.gongkai.support.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The public read model of 政民互动 (only passed texts of questions the asker allowed to publish) and the FAQ (常见问题). */
@Service
public class PublishedQuestions {

    private final QuestionRecords records;
    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final IdentityManagement identity;
    private final PublicChanges publicChanges;
    private final Clock clock;

    PublishedQuestions(QuestionRecords records, JdbcTemplate jdbc, AuditTrail audit, IdentityManagement identity,
                       PublicChanges publicChanges, Clock clock) {
        this.records = records;
        this.jdbc = jdbc;
        this.audit = audit;
        this.identity = identity;
        this.publicChanges = publicChanges;
        this.clock = clock;
    }

    /** A question whose passed texts the public may read. */
    private static final String PUBLIC =
            "q.department_id is not null and q.published_at is not null and q.may_publish and q.state = 'REPLIED'";

    private static final String PUBLIC_COLUMNS = """
            select q.id, q.topic, q.public_title, q.public_body, q.public_answer, q.department_id, q.received_on, q.published_at,
                q.related_document from question q
            where\s""" + PUBLIC;

    /**
     * Maps public rows; the department names are read from identity, which owns them, once per query and only when a row
     * comes back (an item page or a search with no matching question costs one query, not two).
     */
    private org.springframework.jdbc.core.RowMapper<PublicQuestion> publicQuestions() {
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        return (rs, n) -> {
            if (names.isEmpty()) {
                names.putAll(identity.departmentNames());
            }
            return publicQuestion(rs, names);
        };
    }

    private static PublicQuestion publicQuestion(ResultSet rs, java.util.Map<Long, String> names) throws SQLException {
        return new PublicQuestion(rs.getLong(1), QuestionTopic.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), names.get(rs.getLong(6)), rs.getObject(7, LocalDate.class), rs.getTimestamp(8).toInstant(), rs.getString(9));
    }

    @Transactional(readOnly = true)
    public Optional<PublicQuestion> published(long id) {
        return jdbc.query(PUBLIC_COLUMNS + " and q.id = ?", publicQuestions(), id).stream().findFirst();
    }

    /** Published Q&A, newest first, optionally of one topic and containing a phrase (in question or answer). */
    @Transactional(readOnly = true)
    public List<PublicQuestion> published(QuestionTopic topic, String phrase, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(PUBLIC_COLUMNS);
        if (topic != null) {
            sql.append(" and q.topic = ?");
            args.add(topic.name());
        }
        if (phrase != null && !phrase.isBlank()) {
            String like = "%" + phrase.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" and (q.public_title ilike ? or q.public_body ilike ? or q.public_answer ilike ?)");
            args.add(like);
            args.add(like);
            args.add(like);
        }
        sql.append(" order by q.published_at desc, q.id desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), publicQuestions(), args.toArray());
    }

    /** Published Q&A that name this item as their source, for the item page. */
    @Transactional(readOnly = true)
    public List<PublicQuestion> relatedTo(String documentId) {
        return jdbc.query(PUBLIC_COLUMNS + " and q.related_document = ? order by q.published_at desc limit 10",
                publicQuestions(), documentId);
    }

    /**
     * Whether any published Q&A names this item as its source. Few items have one, and every item page asks, so the
     * items that do are read once (outside any transaction) and kept until anything public changes: this node's own
     * publication of an answer announces a public change too, and {@link PublicChangeObserved} reaches every node.
     */
    public boolean isAskedAbout(String documentId) {
        return askedAbout.get().contains(documentId);
    }

    private final Kept<java.util.Set<String>> askedAbout = new Kept<>(this::readAskedAbout);

    private java.util.Set<String> readAskedAbout() {
        return java.util.Set.copyOf(jdbc.queryForList(
                "select distinct q.related_document from question q where " + PUBLIC + " and q.related_document is not null",
                String.class));
    }

    @org.springframework.context.event.EventListener
    void forgetAskedAbout(PublicChangeObserved observed) {
        askedAbout.forget();
    }

    /** How many published Q&A each topic has. */
    @Transactional(readOnly = true)
    public java.util.Map<QuestionTopic, Long> publishedCounts() {
        java.util.Map<QuestionTopic, Long> counts = new java.util.EnumMap<>(QuestionTopic.class);
        jdbc.query("select topic, count(*) from question where published_at is not null and may_publish and state = 'REPLIED' group by topic",
                rs -> {
                    counts.put(QuestionTopic.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    @Transactional(readOnly = true)
    public List<FaqEntry> faq() {
        return jdbc.query("select id, topic, question, answer, source_question_id, position, version from faq_entry order by position, id",
                (rs, n) -> new FaqEntry(rs.getLong(1), QuestionTopic.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5), rs.getInt(6), rs.getLong(7)));
    }

    /** The office adds a FAQ entry, usually from a replied question (whose passed texts are the starting point). */
    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public long addFaq(QuestionTopic topic, String question, String answer, Long sourceQuestionId) {
        if (topic == null) {
            throw new RuleViolation("topic", "question.error.topic");
        }
        if (QuestionRecords.blank(question) || question.strip().length() > 200) {
            throw new RuleViolation("question", "faq.error.question");
        }
        if (QuestionRecords.blank(answer) || answer.strip().length() > 5000) {
            throw new RuleViolation("answer", "faq.error.answer");
        }
        if (sourceQuestionId != null && records.load(sourceQuestionId).state() != QuestionState.REPLIED) {
            throw new RuleViolation(null, "faq.error.source");
        }
        Integer position = jdbc.queryForObject("select coalesce(max(position), 0) + 1 from faq_entry", Integer.class);
        Long id = jdbc.queryForObject("""
                insert into faq_entry (topic, question, answer, source_question_id, position, created_at)
                values (?, ?, ?, ?, ?, ?) returning id""", Long.class, topic.name(), Redaction.mask(question.strip()),
                Redaction.mask(answer.strip()), sourceQuestionId, position, Timestamp.from(Instant.now(clock)));
        audit.record("faq.added", "faq_entry", id, question.strip());
        publicChanges.announce();
        return id;
    }

    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void removeFaq(long id, long version) {
        if (jdbc.update("delete from faq_entry where id = ? and version = ?", id, version) != 1) {
            throw new ObjectOptimisticLockingFailureException("faq_entry", id);
        }
        audit.record("faq.removed", "faq_entry", id, "");
        publicChanges.announce();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('REVIEWER')")
    public List<Repeated> repeatedQuestions() {
        return jdbc.query("""
                select topic, min(coalesce(public_title, title)), count(*), max(id) from question where state = 'REPLIED'
                group by topic, left(regexp_replace(coalesce(public_title, title), '[[:space:][:punct:]？，。、]', '', 'g'), 8)
                having count(*) > 1 order by count(*) desc, max(id) desc limit 20""",
                (rs, n) -> new Repeated(QuestionTopic.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3), rs.getLong(4)));
    }
}
