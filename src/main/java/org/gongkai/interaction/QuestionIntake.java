package org.gongkai.interaction;

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
import org.gongkai.infrastructure.PublicChanges;
import org.gongkai.interaction.internal.Redaction;
import org.gongkai.calendar.WorkingDayCalendar;
import org.gongkai.support.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Asking (a citizen's question with its number and query code) and tracking it with that pair. */
@Service
public class QuestionIntake {


    private final QuestionRecords records;
    private final JdbcTemplate jdbc;
    private final WorkingDayCalendar calendar;
    private final AuditTrail audit;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final int answerDays;
    private final String dummyHash;

    QuestionIntake(QuestionRecords records, JdbcTemplate jdbc, WorkingDayCalendar calendar, AuditTrail audit,
                   PasswordEncoder encoder, Clock clock, @Value("${gongkai.questions.answer-days:5}") int answerDays) {
        if (answerDays < 1 || answerDays > 60) {
            throw new IllegalArgumentException("gongkai.questions.answer-days must be between 1 and 60");
        }
        this.records = records;
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.audit = audit;
        this.encoder = encoder;
        this.clock = clock;
        this.answerDays = answerDays;
        this.dummyHash = encoder.encode("unknown-question-number");
    }

    public int answerDays() {
        return answerDays;
    }

    /**
     * Records a question. A question that arrives on a weekend or holiday counts as received on the next working day, as the
     * office confirms online submissions only on working days (the same rule as 条例第31条 for requests).
     */
    @Transactional
    public Receipt ask(AskCommand c) {
        if (c.topic() == null || c.title() == null || c.title().isBlank() || c.body() == null || c.body().isBlank()
                || c.contact() == null || c.contact().isBlank()) {
            throw new RuleViolation("body", "question.error.body");
        }
        LocalDate today = LocalDate.now(clock);
        var rules = calendar.rules();
        LocalDate receivedOn = today;
        while (!rules.isWorkingDay(receivedOn)) {
            receivedOn = receivedOn.plusDays(1);
        }
        int year = receivedOn.getYear();
        jdbc.update("insert into question_number_counter (year, last) values (?, 0) on conflict (year) do nothing", year);
        int serial = jdbc.queryForObject("update question_number_counter set last = last + 1 where year = ? returning last",
                Integer.class, year);
        String number = String.format("ZMHD%d-%05d", year, serial);
        String code = org.gongkai.support.QueryCodes.generate();
        String related = c.relatedDocument() == null || !c.relatedDocument().matches("[a-z0-9]{8,40}") ? null : c.relatedDocument();
        Long id = jdbc.queryForObject("""
                insert into question (number, query_code_hash, topic, title, body, asker_name, contact, may_publish, state,
                    submitted_at, received_on, answer_days, related_document)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?, ?) returning id""", Long.class,
                number, encoder.encode(org.gongkai.support.QueryCodes.normalise(code)), c.topic().name(), c.title().strip(), c.body().strip(),
                QuestionRecords.blankToNull(c.askerName()), c.contact().strip(), c.mayPublish(), Timestamp.from(Instant.now(clock)), receivedOn,
                answerDays, related);
        // no name or contact in the audit summary
        audit.record("question.received", "question", number,
                c.topic().name() + " 收到日期 " + receivedOn);
        return new Receipt(id, number, code, receivedOn, rules.addWorkingDays(receivedOn, answerDays, List.of()));
    }



    /** The question for a number and query code; a wrong pair and an unknown number take the same time. */
    @Transactional(readOnly = true)
    public Optional<Tracking> track(String number, String code) {
        List<Long> ids = jdbc.queryForList("select id from question where number = ?", Long.class,
                number == null ? "" : number.strip().toUpperCase(Locale.ROOT));
        if (ids.isEmpty()) {
            encoder.matches(org.gongkai.support.QueryCodes.normalise(code), dummyHash);
            return Optional.empty();
        }
        String hash = jdbc.queryForObject("select query_code_hash from question where id = ?", String.class, ids.get(0));
        if (!encoder.matches(org.gongkai.support.QueryCodes.normalise(code), hash)) {
            return Optional.empty();
        }
        QuestionView q = records.load(ids.get(0));
        boolean replied = q.state() == QuestionState.REPLIED;
        return Optional.of(new Tracking(q.number(), q.topic(), q.title(), q.state(), q.receivedOn(), q.dueOn(),
                replied ? q.publicAnswer() : null, replied ? q.reviewedAt() : null, q.mayPublish(),
                q.publishedAt() != null ? q.id() : null));
    }
}
