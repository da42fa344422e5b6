package org.gongkai.consultation;

import java.security.SecureRandom;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gongkai.audit.AuditTrail;
import org.gongkai.consultation.ConsultationRecords.Row;
import static org.gongkai.consultation.Consultations.*;

import org.gongkai.consultation.Consultations.*;
import org.gongkai.consultation.internal.CommentThrottle;
import org.gongkai.content.BodySanitizer;
import org.gongkai.content.ContentManagement;
import org.gongkai.content.ContentManagement.DraftInput;
import org.gongkai.content.ContentManagement.RelatedInput;
import org.gongkai.content.EditionView;
import org.gongkai.content.RelatedDocument;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.publication.PublicStatus;
import org.gongkai.publication.PublicViews.PublicItem;
import org.gongkai.publication.PublishedItems;
import org.gongkai.support.RuleViolation;
import org.gongkai.tables.PersonalDataScanner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * Consultations as the public sees them (only their published text) and citizens' comments, guarded against robots by a
 * honeypot and a per-address limit instead of a CAPTCHA.
 */
@Service
public class PublicConsultations {

    private final ConsultationRecords records;
    private final PublishedItems published;
    private final CommentThrottle throttle;
    private final Clock clock;

    PublicConsultations(ConsultationRecords records, PublishedItems published, CommentThrottle throttle, Clock clock) {
        this.records = records;
        this.published = published;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** Consultations whose text is public, newest first; open ones first. */
    @Transactional(readOnly = true)
    public List<PublicSummary> publicList() {
        List<PublicSummary> list = new ArrayList<>();
        for (Row row : records.rows("select * from consultation order by opens_on desc, id desc")) {
            records.publicSummary(row).ifPresent(list::add);
        }
        list.sort(java.util.Comparator.comparing((PublicSummary s) -> s.phase() != ConsultationPhase.OPEN));
        return list;
    }

    /** The open consultations, for the Atom feed. */
    @Transactional(readOnly = true)
    public List<PublicSummary> open() {
        return publicList().stream().filter(s -> s.phase() == ConsultationPhase.OPEN).toList();
    }

    /** A consultation's public page; empty when its text is not public (unknown, draft or unpublished ids alike). */
    @Transactional(readOnly = true)
    public Optional<PublicConsultation> publicView(String publicId) {
        Optional<Row> row = records.byPublicId(publicId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Optional<PublicItem> item = published.find(publicId);
        Optional<PublicSummary> summary = records.publicSummary(row.get());
        if (item.isEmpty() || summary.isEmpty()) {
            return Optional.empty();
        }
        PublicItem feedback = row.get().feedbackPublicId() == null ? null : published.find(row.get().feedbackPublicId()).orElse(null);
        long daysLeft = ChronoUnit.DAYS.between(records.today(), row.get().closesOn()) + 1;
        return Optional.of(new PublicConsultation(summary.get(), row.get().nameRequired(), item.get(), feedback, daysLeft));
    }

    /** Whether the public id is a consultation whose text was published and is now removed (the page answers 410). */
    @Transactional(readOnly = true)
    public boolean unpublished(String publicId) {
        return records.byPublicId(publicId).isPresent() && published.status(publicId) == PublicStatus.UNPUBLISHED;
    }

    /**
     * A citizen's comment, accepted only while the consultation is open. The honeypot and the per-address limit refuse robots
     * without a CAPTCHA; the address itself is never stored.
     */
    @Transactional
    public Receipt comment(String publicId, CommentInput in, String address) {
        Row row = records.byPublicId(publicId).orElseThrow(NotFoundException::new);
        Optional<PublicSummary> summary = records.publicSummary(row);
        if (summary.isEmpty()) {
            throw new NotFoundException();
        }
        if (summary.get().phase() != ConsultationPhase.OPEN) {
            throw new RuleViolation(null, "consultation.error.closed");
        }
        List<RuleViolation> problems = check(in, row.nameRequired());
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        if (in.website() != null && !in.website().isEmpty()) {
            throw new RuleViolation(null, "consultation.error.refused");
        }
        if (!throttle.allow(address, COMMENTS_PER_HOUR, Duration.ofHours(1))) {
            throw new TooManyComments();
        }
        String number = records.insertComment(row, CommentChannel.WEB, ConsultationRecords.blank(in.name()), ConsultationRecords.blank(in.contact()), in.body().strip(), null,
                Instant.now(clock));
        return new Receipt(number, Instant.now(clock), summary.get().title());
    }

    /** The form's checks, each with its field, so that all problems show at once. */
    public static List<RuleViolation> check(CommentInput in, boolean nameRequired) {
        List<RuleViolation> problems = new ArrayList<>();
        if (in.body() == null || in.body().isBlank()) {
            problems.add(new RuleViolation("body", "consultation.error.body"));
        } else if (in.body().strip().length() > MAX_COMMENT) {
            problems.add(new RuleViolation("body", "consultation.error.bodyLength"));
        }
        if (nameRequired && (in.name() == null || in.name().isBlank())) {
            problems.add(new RuleViolation("name", "consultation.error.name"));
        } else if (in.name() != null && in.name().strip().length() > MAX_NAME) {
            problems.add(new RuleViolation("name", "consultation.error.nameLength"));
        }
        if (in.contact() != null && in.contact().strip().length() > MAX_CONTACT) {
            problems.add(new RuleViolation("contact", "consultation.error.contactLength"));
        }
        return problems;
    }
}
