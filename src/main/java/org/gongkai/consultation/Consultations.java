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
 * 意见征集 (seed 001, 决策公开: "公开征求意见，公布决策草案、背景、依据和主要内容"). A consultation's public text — the draft, its
 * 起草说明 and the window — is an edition of a document in the 意见征集 column and goes through the ordinary review workflow;
 * so does the 意见采纳情况反馈. Comments stay here: the department reads and marks them; the public sees them only as masked
 * quotes inside the reviewed feedback. The phase (征集中 / 已结束 / 已反馈) is derived when read from the window and the clock.
 */
@Service
public class Consultations {

    /** The catalogue column of consultations and their feedback. */
    public static final String CATALOGUE_CODE = "yjzj";
    /** Comments accepted from one address per hour. */
    public static final int COMMENTS_PER_HOUR = 5;
    public static final int MAX_COMMENT = 2000;
    public static final int MAX_NAME = 30;
    public static final int MAX_CONTACT = 60;
    /** How long after closing the feedback is due on the compliance dashboard. */
    public static final int FEEDBACK_DUE_DAYS = 30;

    private static final String RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    /** Long digit runs the scanner did not take as ID numbers or cards (a mistyped check digit is still someone's number). */
    private static final Pattern LONG_NUMBER = Pattern.compile("(?<![0-9])\\d{11,}[0-9Xx]?(?![0-9])");
    private static final Pattern LANDLINE = Pattern.compile("(?<![0-9])0\\d{2,3}-?\\d{7,8}(?![0-9])");
    private static final DateTimeFormatter CHINESE_DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final ContentManagement content;
    private final PublishedItems published;
    private final IdentityManagement identity;
    private final AuditTrail audit;
    private final CommentThrottle throttle;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int minimumDays;

    Consultations(ContentManagement content, PublishedItems published, IdentityManagement identity, AuditTrail audit,
                  CommentThrottle throttle, JdbcTemplate jdbc, Clock clock,
                  @Value("${gongkai.consultation.minimum-days:30}") int minimumDays) {
        this.content = content;
        this.published = published;
        this.identity = identity;
        this.audit = audit;
        this.throttle = throttle;
        this.jdbc = jdbc;
        this.clock = clock;
        this.minimumDays = minimumDays;
    }

    // ---- types -------------------------------------------------------------------------------------------------------

    /** What a clerk types for a consultation. */
    public record Draft(String title, String draftHtml, String background, String basis, String mainContent, LocalDate opensOn,
                        LocalDate closesOn, String shortWindowReason, String howToComment, boolean nameRequired) {
    }

    /** Comment counts: in all, per channel and per decision. */
    public record Statistics(long total, Map<CommentChannel, Long> byChannel, long adopted, long partlyAdopted, long notAdopted,
                             long undecided) {

        public long adoptedInAll() {
            return adopted + partlyAdopted;
        }
    }

    /** A consultation as the console shows it. */
    public record Overview(long id, String title, long departmentId, String departmentName, LocalDate opensOn, LocalDate closesOn,
                           ConsultationPhase phase, boolean published, String publicId, long editionId, String editionState,
                           boolean editable, Long feedbackEditionId, String feedbackState, boolean feedbackEditable,
                           String feedbackSummary, long version, Draft draft, Statistics statistics) {

        public boolean closed() {
            return phase == ConsultationPhase.CLOSED || phase == ConsultationPhase.ANSWERED;
        }
    }

    /** A comment as the department sees it (never shown publicly). */
    public record Comment(long id, String receiptNumber, CommentChannel channel, Instant receivedAt, String name, String contact,
                          String body, CommentDecision decision, String decisionReason, long version) {
    }

    /** A line of the public list. */
    public record PublicSummary(String id, String title, String departmentName, LocalDate opensOn, LocalDate closesOn,
                                ConsultationPhase phase, Instant publishedAt) {
    }

    /** The public page: the published text (from its snapshot), the window and, once published, the feedback. */
    public record PublicConsultation(PublicSummary summary, boolean nameRequired, PublicItem item, PublicItem feedback,
                                     long daysLeft) {

        public boolean open() {
            return summary.phase() == ConsultationPhase.OPEN;
        }
    }

    /** What a citizen sends. {@code website} is the honeypot: a person never fills it. */
    public record CommentInput(String name, String contact, String body, String website) {
    }

    /** The receipt given for a comment. */
    public record Receipt(String number, Instant receivedAt, String consultationTitle) {
    }

    /** A consultation whose feedback is overdue (closed more than {@link #FEEDBACK_DUE_DAYS} days ago without it). */
    public record OverdueFeedback(long id, String title, String departmentName, LocalDate closedOn, long daysSinceClosing) {
    }

    /** Raised when an address sent too many comments. */
    public static final class TooManyComments extends RuntimeException {
        public TooManyComments() {
            super("too many comments", null, false, false);
        }
    }

    public int minimumDays() {
        return minimumDays;
    }

    // ---- drafting (clerks of the department) ---------------------------------------------------------------------------

    /** Creates the consultation and its draft edition in 意见征集; the clerk then adds attachments and submits it for review. */
    @Transactional
    public long create(Draft draft, StaffPrincipal me) {
        if (!me.has(Role.CLERK)) {
            throw new AccessDeniedException("clerks draft consultations");
        }
        Draft d = check(draft);
        EditionView edition = content.createDraft(input(d, null), me);
        Long id = jdbc.queryForObject("""
                insert into consultation (document_id, department_id, title, draft_html, background, basis, main_content, opens_on,
                    closes_on, short_window_reason, how_to_comment, name_required, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class,
                edition.documentId(), me.departmentId(), d.title(), d.draftHtml(), d.background(), d.basis(), d.mainContent(),
                Date.valueOf(d.opensOn()), Date.valueOf(d.closesOn()), d.shortWindowReason(), d.howToComment(), d.nameRequired(),
                me.id(), Timestamp.from(Instant.now(clock)));
        audit.record("consultation.created", "consultation", id, d.title());
        return id;
    }

    /** Saves the consultation and its draft edition; only while that edition is a draft or returned. */
    @Transactional
    public void edit(long id, long version, Draft draft, StaffPrincipal me) {
        Row row = row(id);
        mustDraft(row, me);
        if (row.version != version) {
            throw new ObjectOptimisticLockingFailureException("consultation", id);
        }
        EditionView edition = latestEdition(row.documentId);
        if (!edition.editable()) {
            throw new RuleViolation(null, "consultation.error.notEditable");
        }
        Draft d = check(draft);
        content.editDraft(edition.editionId(), edition.version(), input(d, edition), me);
        jdbc.update("""
                update consultation set title = ?, draft_html = ?, background = ?, basis = ?, main_content = ?, opens_on = ?,
                    closes_on = ?, short_window_reason = ?, how_to_comment = ?, name_required = ?, version = version + 1
                where id = ?""", d.title(), d.draftHtml(), d.background(), d.basis(), d.mainContent(), Date.valueOf(d.opensOn()),
                Date.valueOf(d.closesOn()), d.shortWindowReason(), d.howToComment(), d.nameRequired(), id);
        audit.record("consultation.edited", "consultation", id, d.title());
    }

    /** The consultations of the departments a staff member works for, newest first. */
    @Transactional(readOnly = true)
    public List<Overview> forStaff(StaffPrincipal me) {
        List<Overview> list = new ArrayList<>();
        for (Row row : rows("select * from consultation order by created_at desc, id desc")) {
            if (ContentManagement.maySee(me, row.departmentId)) {
                list.add(overview(row));
            }
        }
        return list;
    }

    @Transactional(readOnly = true)
    public Overview overview(long id, StaffPrincipal me) {
        Row row = row(id);
        if (!ContentManagement.maySee(me, row.departmentId)) {
            throw new NotFoundException();
        }
        return overview(row);
    }

    // ---- comments in the console ---------------------------------------------------------------------------------------

    /** The comments as received, for the department (and the reviewers covering it); never for the public. */
    @Transactional(readOnly = true)
    public List<Comment> comments(long id, StaffPrincipal me) {
        Row row = row(id);
        if (!ContentManagement.maySee(me, row.departmentId)) {
            throw new NotFoundException();
        }
        return jdbc.query("select * from consultation_comment where consultation_id = ? order by received_at, id",
                Consultations::mapComment, id);
    }

    /**
     * Records a comment that came by letter, e-mail or at a meeting during the window; {@code receivedOn} (default today) must
     * lie in the window and not in the future.
     */
    @Transactional
    public String recordComment(long id, CommentChannel channel, String name, String body, LocalDate receivedOn, StaffPrincipal me) {
        Row row = row(id);
        mustDraft(row, me);
        LocalDate on = receivedOn == null ? today() : receivedOn;
        if (on.isAfter(today()) || on.isBefore(row.opensOn) || on.isAfter(row.closesOn)) {
            throw new RuleViolation("receivedOn", "consultation.error.receivedOn");
        }
        if (channel == null || channel == CommentChannel.WEB) {
            throw new RuleViolation("channel", "consultation.error.channel");
        }
        if (body == null || body.isBlank() || body.strip().length() > MAX_COMMENT) {
            throw new RuleViolation("body", "consultation.error.body");
        }
        if (!published(row)) {
            throw new RuleViolation(null, "consultation.error.notPublished");
        }
        Instant at = on.equals(today()) ? Instant.now(clock) : on.atTime(12, 0).atZone(clock.getZone()).toInstant();
        return insertComment(row, channel, blank(name), null, body.strip(), me.id(), at);
    }

    /** 采纳 / 部分采纳 / 未采纳, with a reason unless adopted; allowed until the feedback goes to review. */
    @Transactional
    public void decide(long id, long commentId, long version, CommentDecision decision, String reason, StaffPrincipal me) {
        Row row = row(id);
        mustDraft(row, me);
        if (decision == null) {
            throw new RuleViolation("decision", "consultation.error.decision");
        }
        String why = blank(reason);
        if (decision != CommentDecision.ADOPTED && why == null) {
            throw new RuleViolation("reason", "consultation.error.reason");
        }
        if (why != null && why.length() > 1000) {
            throw new RuleViolation("reason", "consultation.error.reasonLength");
        }
        feedbackStillEditable(row);
        int updated = jdbc.update("""
                update consultation_comment set decision = ?, decision_reason = ?, decided_by = ?, decided_at = ?, version = version + 1
                where id = ? and consultation_id = ? and version = ?""", decision.name(), why, me.id(),
                Timestamp.from(Instant.now(clock)), commentId, id, version);
        if (updated == 0) {
            if (jdbc.queryForObject("select count(*) from consultation_comment where id = ? and consultation_id = ?", Long.class,
                    commentId, id) == 0) {
                throw new NotFoundException();
            }
            throw new ObjectOptimisticLockingFailureException("consultation_comment", commentId);
        }
        audit.record("consultation.comment.decided", "consultation", id, decision.name());
    }

    // ---- feedback ------------------------------------------------------------------------------------------------------

    /**
     * Drafts (or redrafts) the 意见采纳情况反馈 once the window has closed and every comment is marked: the summary the clerk
     * wrote, the counts and each comment quoted with its personal data masked and the decision. The clerk submits it for review
     * like any item; the consultation shows 已反馈 once it is published.
     */
    @Transactional
    public long draftFeedback(long id, String summary, StaffPrincipal me) {
        Row row = row(id);
        mustDraft(row, me);
        if (phase(row) != ConsultationPhase.CLOSED && phase(row) != ConsultationPhase.ANSWERED) {
            throw new RuleViolation("summary", "consultation.error.notClosed");
        }
        String text = blank(summary);
        if (text == null || text.length() > 5000) {
            throw new RuleViolation("summary", "consultation.error.summary");
        }
        List<Comment> comments = jdbc.query("select * from consultation_comment where consultation_id = ? order by received_at, id",
                Consultations::mapComment, id);
        long undecided = comments.stream().filter(c -> c.decision() == null).count();
        if (undecided > 0) {
            throw new RuleViolation("summary", "consultation.error.undecided");
        }
        EditionView consultation = latestPublicEdition(row);
        long node = content.node(CATALOGUE_CODE).orElseThrow().getId();
        DraftInput input = new DraftInput("关于《" + consultation.title() + "》征求意见采纳情况的反馈", null, null,
                "征求意见期间共收到意见" + comments.size() + "条，采纳情况见正文。", null, node, consultation.topic(), "意见反馈", "社会公众",
                "主动公开", feedbackHtml(row, text, comments, statistics(comments)), null, false, false,
                List.of(new RelatedInput(RelatedDocument.Relation.SEE_ALSO, consultation.publicId())));
        long editionId;
        if (row.feedbackDocumentId == null) {
            EditionView edition = content.createDraft(input, me);
            jdbc.update("update consultation set feedback_document_id = ?, feedback_summary = ?, version = version + 1 where id = ?",
                    edition.documentId(), text, id);
            editionId = edition.editionId();
        } else {
            EditionView edition = latestEdition(row.feedbackDocumentId);
            if (!edition.editable()) {
                throw new RuleViolation("summary", "consultation.error.feedbackNotEditable");
            }
            content.editDraft(edition.editionId(), edition.version(), input, me);
            jdbc.update("update consultation set feedback_summary = ?, version = version + 1 where id = ?", text, id);
            editionId = edition.editionId();
        }
        audit.record("consultation.feedback.drafted", "consultation", id, row.title);
        return editionId;
    }

    // ---- public --------------------------------------------------------------------------------------------------------

    /** Consultations whose text is public, newest first; open ones first. */
    @Transactional(readOnly = true)
    public List<PublicSummary> publicList() {
        List<PublicSummary> list = new ArrayList<>();
        for (Row row : rows("select * from consultation order by opens_on desc, id desc")) {
            publicSummary(row).ifPresent(list::add);
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
        Optional<Row> row = byPublicId(publicId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Optional<PublicItem> item = published.find(publicId);
        Optional<PublicSummary> summary = publicSummary(row.get());
        if (item.isEmpty() || summary.isEmpty()) {
            return Optional.empty();
        }
        PublicItem feedback = row.get().feedbackPublicId == null ? null : published.find(row.get().feedbackPublicId).orElse(null);
        long daysLeft = ChronoUnit.DAYS.between(today(), row.get().closesOn) + 1;
        return Optional.of(new PublicConsultation(summary.get(), row.get().nameRequired, item.get(), feedback, daysLeft));
    }

    /** Whether the public id is a consultation whose text was published and is now removed (the page answers 410). */
    @Transactional(readOnly = true)
    public boolean unpublished(String publicId) {
        return byPublicId(publicId).isPresent() && published.status(publicId) == PublicStatus.UNPUBLISHED;
    }

    /**
     * A citizen's comment, accepted only while the consultation is open. The honeypot and the per-address limit refuse robots
     * without a CAPTCHA; the address itself is never stored.
     */
    @Transactional
    public Receipt comment(String publicId, CommentInput in, String address) {
        Row row = byPublicId(publicId).orElseThrow(NotFoundException::new);
        Optional<PublicSummary> summary = publicSummary(row);
        if (summary.isEmpty()) {
            throw new NotFoundException();
        }
        if (summary.get().phase() != ConsultationPhase.OPEN) {
            throw new RuleViolation(null, "consultation.error.closed");
        }
        List<RuleViolation> problems = check(in, row.nameRequired);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        if (in.website() != null && !in.website().isEmpty()) {
            throw new RuleViolation(null, "consultation.error.refused");
        }
        if (!throttle.allow(address, COMMENTS_PER_HOUR, Duration.ofHours(1))) {
            throw new TooManyComments();
        }
        String number = insertComment(row, CommentChannel.WEB, blank(in.name()), blank(in.contact()), in.body().strip(), null,
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

    // ---- reporting -------------------------------------------------------------------------------------------------------

    /** Published consultations closed more than {@link #FEEDBACK_DUE_DAYS} days ago whose feedback is not public. */
    @Transactional(readOnly = true)
    public List<OverdueFeedback> overdueFeedback() {
        return overdueFeedback(FEEDBACK_DUE_DAYS);
    }

    /** Published consultations closed more than {@code dueDays} days ago whose feedback is not public (the self-check's rule). */
    @Transactional(readOnly = true)
    public List<OverdueFeedback> overdueFeedback(int dueDays) {
        LocalDate today = today();
        List<OverdueFeedback> overdue = new ArrayList<>();
        for (Row row : rows("select * from consultation where closes_on < ? order by closes_on, id",
                Date.valueOf(today.minusDays(dueDays)))) {
            if (published(row) && phase(row) == ConsultationPhase.CLOSED) {
                overdue.add(new OverdueFeedback(row.id, latestPublicEdition(row).title(), departmentName(row.departmentId),
                        row.closesOn, ChronoUnit.DAYS.between(row.closesOn, today)));
            }
        }
        return overdue;
    }

    /** Comment statistics of one consultation, for the console. */
    @Transactional(readOnly = true)
    public Statistics statistics(long id, StaffPrincipal me) {
        return statistics(comments(id, me));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------------

    private record Row(long id, long documentId, String publicId, long departmentId, String title, String draftHtml,
                       String background, String basis, String mainContent, LocalDate opensOn, LocalDate closesOn,
                       String shortWindowReason, String howToComment, boolean nameRequired, Long feedbackDocumentId,
                       String feedbackPublicId, String feedbackSummary, long version) {
    }

    private static Row mapRow(ResultSet rs, int n) throws SQLException {
        long feedback = rs.getLong("feedback_document_id");
        boolean hasFeedback = !rs.wasNull();
        return new Row(rs.getLong("id"), rs.getLong("document_id"), null, rs.getLong("department_id"), rs.getString("title"),
                rs.getString("draft_html"), rs.getString("background"), rs.getString("basis"), rs.getString("main_content"),
                rs.getDate("opens_on").toLocalDate(), rs.getDate("closes_on").toLocalDate(), rs.getString("short_window_reason"),
                rs.getString("how_to_comment"), rs.getBoolean("name_required"), hasFeedback ? feedback : null, null,
                rs.getString("feedback_summary"), rs.getLong("version"));
    }

    private static Comment mapComment(ResultSet rs, int n) throws SQLException {
        String decision = rs.getString("decision");
        return new Comment(rs.getLong("id"), rs.getString("receipt_number"), CommentChannel.valueOf(rs.getString("channel")),
                rs.getTimestamp("received_at").toInstant(), rs.getString("commenter_name"), rs.getString("contact"),
                rs.getString("body"), decision == null ? null : CommentDecision.valueOf(decision), rs.getString("decision_reason"),
                rs.getLong("version"));
    }

    private List<Row> rows(String sql, Object... args) {
        return jdbc.query(sql, Consultations::mapRow, args).stream().map(this::withPublicIds).toList();
    }

    private Row row(long id) {
        return withPublicIds(jdbc.query("select * from consultation where id = ?", Consultations::mapRow, id).stream().findFirst()
                .orElseThrow(NotFoundException::new));
    }

    private Optional<Row> byPublicId(String publicId) {
        if (publicId == null || !publicId.matches("[a-z0-9]{8,16}")) {
            return Optional.empty();
        }
        return content.documentIdOf(publicId).flatMap(documentId -> jdbc.query("select * from consultation where document_id = ?",
                Consultations::mapRow, documentId).stream().findFirst()).map(this::withPublicIds);
    }

    private Row withPublicIds(Row r) {
        String publicId = content.publicIdOf(r.documentId);
        String feedbackPublicId = r.feedbackDocumentId == null ? null : content.publicIdOf(r.feedbackDocumentId);
        return new Row(r.id, r.documentId, publicId, r.departmentId, r.title, r.draftHtml, r.background, r.basis, r.mainContent,
                r.opensOn, r.closesOn, r.shortWindowReason, r.howToComment, r.nameRequired, r.feedbackDocumentId, feedbackPublicId,
                r.feedbackSummary, r.version);
    }

    private void mustDraft(Row row, StaffPrincipal me) {
        if (!ContentManagement.maySee(me, row.departmentId)) {
            throw new NotFoundException();
        }
        if (!me.has(Role.CLERK) || me.departmentId() != row.departmentId) {
            throw new AccessDeniedException("the department's clerks work on its consultations");
        }
    }

    private void feedbackStillEditable(Row row) {
        if (row.feedbackDocumentId != null && !latestEdition(row.feedbackDocumentId).editable()) {
            throw new RuleViolation("decision", "consultation.error.feedbackNotEditable");
        }
    }

    private EditionView latestEdition(long documentId) {
        return content.editionsOf(documentId).get(0);
    }

    /** The consultation's edition the public reads (the latest published one), or the latest when none is. */
    private EditionView latestPublicEdition(Row row) {
        List<EditionView> editions = content.editionsOf(row.documentId);
        return editions.stream().filter(e -> e.state() == org.gongkai.content.EditionState.PUBLISHED
                || e.state() == org.gongkai.content.EditionState.WITHDRAWN).findFirst().orElse(editions.get(0));
    }

    private boolean published(Row row) {
        PublicStatus status = published.status(row.publicId);
        return status == PublicStatus.LIVE || status == PublicStatus.WITHDRAWN;
    }

    private ConsultationPhase phase(Row row) {
        LocalDate today = today();
        if (today.isBefore(row.opensOn)) {
            return ConsultationPhase.UPCOMING;
        }
        if (!today.isAfter(row.closesOn)) {
            return ConsultationPhase.OPEN;
        }
        boolean answered = row.feedbackPublicId != null && published.status(row.feedbackPublicId) == PublicStatus.LIVE;
        return answered ? ConsultationPhase.ANSWERED : ConsultationPhase.CLOSED;
    }

    private Optional<PublicSummary> publicSummary(Row row) {
        if (!published(row)) {
            return Optional.empty();
        }
        return published.find(row.publicId).map(item -> new PublicSummary(row.publicId, item.summary().title(),
                item.summary().issuingDepartmentName(), row.opensOn, row.closesOn, phase(row), item.summary().publishedAt()));
    }

    private Overview overview(Row row) {
        EditionView edition = latestEdition(row.documentId);
        EditionView feedback = row.feedbackDocumentId == null ? null : latestEdition(row.feedbackDocumentId);
        List<Comment> comments = jdbc.query("select * from consultation_comment where consultation_id = ? order by received_at, id",
                Consultations::mapComment, row.id);
        Draft draft = new Draft(row.title, row.draftHtml, row.background, row.basis, row.mainContent, row.opensOn, row.closesOn,
                row.shortWindowReason, row.howToComment, row.nameRequired);
        return new Overview(row.id, row.title, row.departmentId, departmentName(row.departmentId), row.opensOn, row.closesOn,
                phase(row), published(row), row.publicId, edition.editionId(), edition.state().name(), edition.editable(),
                feedback == null ? null : feedback.editionId(), feedback == null ? null : feedback.state().name(),
                feedback == null || feedback.editable(), row.feedbackSummary, row.version, draft, statistics(comments));
    }

    private static Statistics statistics(List<Comment> comments) {
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

    private String departmentName(long departmentId) {
        return identity.departmentView(departmentId).map(IdentityManagement.DepartmentView::name).orElse("");
    }

    private String insertComment(Row row, CommentChannel channel, String name, String contact, String body, Long recordedBy,
                                 Instant now) {
        for (int attempt = 0; ; attempt++) {
            String number = receiptNumber(now);
            try {
                jdbc.update("""
                        insert into consultation_comment (consultation_id, receipt_number, channel, received_at, commenter_name, contact,
                            body, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?)""", row.id, number, channel.name(), Timestamp.from(now),
                        name, contact, body, recordedBy);
                // the audit trail names the consultation and the receipt, never the commenter or their words
                audit.record("consultation.comment.received", "consultation", row.id, number);
                return number;
            } catch (DuplicateKeyException e) {
                if (attempt > 5) {
                    throw e;
                }
            }
        }
    }

    private String receiptNumber(Instant at) {
        StringBuilder n = new StringBuilder("YJ").append(LocalDate.ofInstant(at, clock.getZone()).format(DateTimeFormatter.BASIC_ISO_DATE)).append('-');
        for (int i = 0; i < 6; i++) {
            n.append(RECEIPT_ALPHABET.charAt(RANDOM.nextInt(RECEIPT_ALPHABET.length())));
        }
        return n.toString();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Draft check(Draft d) {
        if (d.title() == null || d.title().isBlank()) {
            throw new RuleViolation("title", "consultation.error.title");
        }
        if (d.title().strip().length() > 200) {
            throw new RuleViolation("title", "consultation.error.titleLength");
        }
        String draftHtml = BodySanitizer.sanitise(d.draftHtml());
        if (draftHtml.isBlank()) {
            throw new RuleViolation("draftHtml", "consultation.error.draft");
        }
        for (String[] part : new String[][] {{"background", d.background()}, {"basis", d.basis()}, {"mainContent", d.mainContent()}}) {
            if (part[1] == null || part[1].isBlank()) {
                throw new RuleViolation(part[0], "consultation.error." + part[0]);
            }
            if (part[1].length() > 5000) {
                throw new RuleViolation(part[0], "consultation.error.tooLong");
            }
        }
        if (d.opensOn() == null) {
            throw new RuleViolation("opensOn", "consultation.error.opensOn");
        }
        if (d.closesOn() == null || d.closesOn().isBefore(d.opensOn())) {
            throw new RuleViolation("closesOn", "consultation.error.closesOn");
        }
        long days = ChronoUnit.DAYS.between(d.opensOn(), d.closesOn()) + 1;
        String reason = blank(d.shortWindowReason());
        if (days < minimumDays && reason == null) {
            throw new RuleViolation("shortWindowReason", "consultation.error.shortWindowReason");
        }
        if (reason != null && reason.length() > 500) {
            throw new RuleViolation("shortWindowReason", "consultation.error.tooLong");
        }
        if (d.howToComment() == null || d.howToComment().isBlank()) {
            throw new RuleViolation("howToComment", "consultation.error.howToComment");
        }
        if (d.howToComment().length() > 2000) {
            throw new RuleViolation("howToComment", "consultation.error.tooLong");
        }
        return new Draft(d.title().strip(), draftHtml, d.background().strip(), d.basis().strip(), d.mainContent().strip(), d.opensOn(),
                d.closesOn(), days < minimumDays ? reason : null, d.howToComment().strip(), d.nameRequired());
    }

    private DraftInput input(Draft d, EditionView current) {
        long node = content.node(CATALOGUE_CODE).orElseThrow().getId();
        String summary = "征求意见时间：" + d.opensOn().format(CHINESE_DAY) + "至" + d.closesOn().format(CHINESE_DAY);
        return new DraftInput(d.title(), null, null, summary, "征求意见", node, current == null ? null : current.topic(), "征求意见稿",
                "社会公众", "主动公开", bodyHtml(d), current == null ? null : current.changeNote(), false, false,
                current == null ? List.of() : current.related().stream()
                        .map(r -> new RelatedInput(r.relation(), r.publicId())).toList());
    }

    /** The public text: the draft, the 起草说明 in its three parts and the window with how to comment. */
    String bodyHtml(Draft d) {
        long days = ChronoUnit.DAYS.between(d.opensOn(), d.closesOn()) + 1;
        StringBuilder h = new StringBuilder();
        h.append("<h2>征求意见稿</h2>").append(d.draftHtml());
        h.append("<h2>起草说明</h2>");
        h.append("<h3>一、起草背景</h3>").append(paragraphs(d.background()));
        h.append("<h3>二、起草依据</h3>").append(paragraphs(d.basis()));
        h.append("<h3>三、主要内容</h3>").append(paragraphs(d.mainContent()));
        h.append("<h2>征求意见时间和方式</h2>");
        h.append("<p>征求意见时间：").append(d.opensOn().format(CHINESE_DAY)).append("至").append(d.closesOn().format(CHINESE_DAY))
                .append("（共").append(days).append("日）。</p>");
        if (d.shortWindowReason() != null) {
            h.append("<p>征求意见期限少于").append(minimumDays).append("日的理由：").append(esc(d.shortWindowReason())).append("</p>");
        }
        h.append(paragraphs(d.howToComment()));
        return BodySanitizer.sanitise(h.toString());
    }

    private String feedbackHtml(Row row, String summary, List<Comment> comments, Statistics s) {
        StringBuilder h = new StringBuilder(paragraphs(summary));
        h.append("<h2>意见采纳情况</h2>");
        StringBuilder channels = new StringBuilder();
        for (Map.Entry<CommentChannel, Long> e : s.byChannel().entrySet()) {
            if (e.getValue() > 0) {
                channels.append(channels.isEmpty() ? "" : "、").append(channelName(e.getKey())).append(e.getValue()).append("条");
            }
        }
        h.append("<p>").append(row.opensOn.format(CHINESE_DAY)).append("至").append(row.closesOn.format(CHINESE_DAY))
                .append("征求意见期间，共收到意见").append(s.total()).append("条")
                .append(channels.isEmpty() ? "" : "（" + channels + "）").append("，其中采纳").append(s.adopted()).append("条、部分采纳")
                .append(s.partlyAdopted()).append("条、未采纳").append(s.notAdopted()).append("条。</p>");
        if (!comments.isEmpty()) {
            h.append("<table><caption>意见及采纳情况</caption><thead><tr><th scope=\"col\">序号</th><th scope=\"col\">意见摘要</th>")
                    .append("<th scope=\"col\">采纳情况</th><th scope=\"col\">说明</th></tr></thead><tbody>");
            int i = 1;
            for (Comment c : comments) {
                h.append("<tr><td>").append(i++).append("</td><td>").append(esc(quote(c.body()))).append("</td><td>")
                        .append(decisionName(c.decision())).append("</td><td>")
                        .append(esc(c.decisionReason() == null ? "" : quote(c.decisionReason()))).append("</td></tr>");
            }
            h.append("</tbody></table>");
        }
        return BodySanitizer.sanitise(h.toString());
    }

    /**
     * A comment as it may be quoted: ID numbers, mobile numbers and bank cards masked by the scanner the review uses, e-mail
     * addresses, landline numbers and other long digit runs hidden, cut to 300 characters.
     */
    public static String quote(String text) {
        String masked = PersonalDataScanner.maskText(text == null ? "" : text.strip());
        masked = EMAIL.matcher(masked).replaceAll("***@***");
        masked = LONG_NUMBER.matcher(masked).replaceAll(m -> m.group().substring(0, 4) + "*".repeat(m.group().length() - 8)
                + m.group().substring(m.group().length() - 4));
        masked = LANDLINE.matcher(masked).replaceAll(m -> m.group().substring(0, Math.min(4, m.group().length())) + "****");
        return masked.length() > 300 ? masked.substring(0, 300) + "…" : masked;
    }

    private static String channelName(CommentChannel c) {
        return switch (c) {
            case WEB -> "网上留言";
            case LETTER -> "信函";
            case EMAIL -> "电子邮件";
            case MEETING -> "座谈会等";
        };
    }

    private static String decisionName(CommentDecision d) {
        return switch (d) {
            case ADOPTED -> "采纳";
            case PARTLY -> "部分采纳";
            case NOT_ADOPTED -> "未采纳";
        };
    }

    private static String paragraphs(String text) {
        StringBuilder h = new StringBuilder();
        for (String line : text.strip().split("\\R+")) {
            if (!line.isBlank()) {
                h.append("<p>").append(esc(line.strip())).append("</p>");
            }
        }
        return h.toString();
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
