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

/** The consultation tables and the rules derived from them (phase, publication), shared by the consultation services. */
@org.springframework.stereotype.Component
class ConsultationRecords {

    private static final String RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ContentManagement content;
    private final PublishedItems published;
    private final IdentityManagement identity;
    private final AuditTrail audit;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ConsultationRecords(ContentManagement content, PublishedItems published, IdentityManagement identity, AuditTrail audit,
                        JdbcTemplate jdbc, Clock clock) {
        this.content = content;
        this.published = published;
        this.identity = identity;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The comments of a consultation in the order received. */
    List<Comment> comments(long id) {
        return jdbc.query("select * from consultation_comment where consultation_id = ? order by received_at, id",
                ConsultationRecords::mapComment, id);
    }

    record Row(long id, long documentId, String publicId, long departmentId, String title, String draftHtml,
               String background, String basis, String mainContent, LocalDate opensOn, LocalDate closesOn,
               String shortWindowReason, String howToComment, boolean nameRequired, Long feedbackDocumentId,
               String feedbackPublicId, String feedbackSummary, long version) {
    }

    static Row mapRow(ResultSet rs, int n) throws SQLException {
        long feedback = rs.getLong("feedback_document_id");
        boolean hasFeedback = !rs.wasNull();
        return new Row(rs.getLong("id"), rs.getLong("document_id"), null, rs.getLong("department_id"), rs.getString("title"),
                rs.getString("draft_html"), rs.getString("background"), rs.getString("basis"), rs.getString("main_content"),
                rs.getDate("opens_on").toLocalDate(), rs.getDate("closes_on").toLocalDate(), rs.getString("short_window_reason"),
                rs.getString("how_to_comment"), rs.getBoolean("name_required"), hasFeedback ? feedback : null, null,
                rs.getString("feedback_summary"), rs.getLong("version"));
    }

    static Comment mapComment(ResultSet rs, int n) throws SQLException {
        String decision = rs.getString("decision");
        return new Comment(rs.getLong("id"), rs.getString("receipt_number"), CommentChannel.valueOf(rs.getString("channel")),
                rs.getTimestamp("received_at").toInstant(), rs.getString("commenter_name"), rs.getString("contact"),
                rs.getString("body"), decision == null ? null : CommentDecision.valueOf(decision), rs.getString("decision_reason"),
                rs.getLong("version"));
    }

    List<Row> rows(String sql, Object... args) {
        return jdbc.query(sql, ConsultationRecords::mapRow, args).stream().map(this::withPublicIds).toList();
    }

    Row row(long id) {
        return withPublicIds(jdbc.query("select * from consultation where id = ?", ConsultationRecords::mapRow, id).stream().findFirst()
                .orElseThrow(NotFoundException::new));
    }

    Optional<Row> byPublicId(String publicId) {
        if (publicId == null || !publicId.matches("[a-z0-9]{8,16}")) {
            return Optional.empty();
        }
        return content.documentIdOf(publicId).flatMap(documentId -> jdbc.query("select * from consultation where document_id = ?",
                ConsultationRecords::mapRow, documentId).stream().findFirst()).map(this::withPublicIds);
    }

    Row withPublicIds(Row r) {
        String publicId = content.publicIdOf(r.documentId());
        String feedbackPublicId = r.feedbackDocumentId() == null ? null : content.publicIdOf(r.feedbackDocumentId());
        return new Row(r.id(), r.documentId(), publicId, r.departmentId(), r.title(), r.draftHtml(), r.background(), r.basis(), r.mainContent(),
                r.opensOn(), r.closesOn(), r.shortWindowReason(), r.howToComment(), r.nameRequired(), r.feedbackDocumentId(), feedbackPublicId,
                r.feedbackSummary(), r.version());
    }

    void mustDraft(Row row, StaffPrincipal me) {
        if (!ContentManagement.maySee(me, row.departmentId())) {
            throw new NotFoundException();
        }
        if (!me.has(Role.CLERK) || me.departmentId() != row.departmentId()) {
            throw new AccessDeniedException("the department's clerks work on its consultations");
        }
    }

    void feedbackStillEditable(Row row) {
        if (row.feedbackDocumentId() != null && !latestEdition(row.feedbackDocumentId()).editable()) {
            throw new RuleViolation("decision", "consultation.error.feedbackNotEditable");
        }
    }

    EditionView latestEdition(long documentId) {
        return content.editionsOf(documentId).get(0);
    }

    /** The consultation's edition the public reads (the latest published one), or the latest when none is. */
    EditionView latestPublicEdition(Row row) {
        List<EditionView> editions = content.editionsOf(row.documentId());
        return editions.stream().filter(e -> e.state() == org.gongkai.content.EditionState.PUBLISHED
                || e.state() == org.gongkai.content.EditionState.WITHDRAWN).findFirst().orElse(editions.get(0));
    }

    boolean published(Row row) {
        PublicStatus status = published.status(row.publicId());
        return status == PublicStatus.LIVE || status == PublicStatus.WITHDRAWN;
    }

    ConsultationPhase phase(Row row) {
        LocalDate today = today();
        if (today.isBefore(row.opensOn())) {
            return ConsultationPhase.UPCOMING;
        }
        if (!today.isAfter(row.closesOn())) {
            return ConsultationPhase.OPEN;
        }
        boolean answered = row.feedbackPublicId() != null && published.status(row.feedbackPublicId()) == PublicStatus.LIVE;
        return answered ? ConsultationPhase.ANSWERED : ConsultationPhase.CLOSED;
    }

    Optional<PublicSummary> publicSummary(Row row) {
        if (!published(row)) {
            return Optional.empty();
        }
        return published.find(row.publicId()).map(item -> new PublicSummary(row.publicId(), item.summary().title(),
                item.summary().issuingDepartmentName(), row.opensOn(), row.closesOn(), phase(row), item.summary().publishedAt()));
    }

    Overview overviewOf(Row row) {
        EditionView edition = latestEdition(row.documentId());
        EditionView feedback = row.feedbackDocumentId() == null ? null : latestEdition(row.feedbackDocumentId());
        List<Comment> comments = jdbc.query("select * from consultation_comment where consultation_id = ? order by received_at, id",
                ConsultationRecords::mapComment, row.id());
        Draft draft = new Draft(row.title(), row.draftHtml(), row.background(), row.basis(), row.mainContent(), row.opensOn(), row.closesOn(),
                row.shortWindowReason(), row.howToComment(), row.nameRequired());
        return new Overview(row.id(), row.title(), row.departmentId(), departmentName(row.departmentId()), row.opensOn(), row.closesOn(),
                phase(row), published(row), row.publicId(), edition.editionId(), edition.state().name(), edition.editable(),
                feedback == null ? null : feedback.editionId(), feedback == null ? null : feedback.state().name(),
                feedback == null || feedback.editable(), row.feedbackSummary(), row.version(), draft, statistics(comments));
    }

    static Statistics statistics(List<Comment> comments) {
        Map<CommentChannel, Long> byChannel = new EnumMap<>(CommentChannel.class);
        for (CommentChannel c : CommentChannel.values()) {
            byChannel.put(c, comments.stream().filter(x -> x.channel() == c).count());
        }
        return new Statistics(comments.size(), byChannel,
                comments.stream().filter(c -> c.decision() == CommentDecision.ADOPTED).count(),
                comments.stream().filter(c -> c.decision() == CommentDecision.PARTLY).count(),
                comments.stream().filter(c -> c.decision() == CommentDecision.NOT_ADOPTED).count(),
                comments.stream().filter(c -> c.decision() == null).count());
    }

    String departmentName(long departmentId) {
        return identity.departmentView(departmentId).map(IdentityManagement.DepartmentView::name).orElse("");
    }

    String insertComment(Row row, CommentChannel channel, String name, String contact, String body, Long recordedBy,
                                 Instant now) {
        for (int attempt = 0; ; attempt++) {
            String number = receiptNumber(now);
            try {
                jdbc.update("""
                        insert into consultation_comment (consultation_id, receipt_number, channel, received_at, commenter_name, contact,
                            body, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?)""", row.id(), number, channel.name(), Timestamp.from(now),
                        name, contact, body, recordedBy);
                // the audit trail names the consultation and the receipt, never the commenter or their words
                audit.record("consultation.comment.received", "consultation", row.id(), number);
                return number;
            } catch (DuplicateKeyException e) {
                if (attempt > 5) {
                    throw e;
                }
            }
        }
    }

    String receiptNumber(Instant at) {
        StringBuilder n = new StringBuilder("YJ").append(LocalDate.ofInstant(at, clock.getZone()).format(DateTimeFormatter.BASIC_ISO_DATE)).append('-');
        for (int i = 0; i < 6; i++) {
            n.append(RECEIPT_ALPHABET.charAt(RANDOM.nextInt(RECEIPT_ALPHABET.length())));
        }
        return n.toString();
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    static String paragraphs(String text) {
        StringBuilder h = new StringBuilder();
        for (String line : text.strip().split("\\R+")) {
            if (!line.isBlank()) {
                h.append("<p>").append(esc(line.strip())).append("</p>");
            }
        }
        return h.toString();
    }

    static String esc(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
