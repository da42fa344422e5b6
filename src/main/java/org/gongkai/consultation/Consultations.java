package org.gongkai.consultation;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gongkai.consultation.ConsultationRecords.Row;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.publication.PublicViews.PublicItem;
import org.gongkai.support.RuleViolation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 意见征集 (seed 001, 决策公开: "公开征求意见，公布决策草案、背景、依据和主要内容"). A consultation's public text — the draft, its
 * 起草说明 and the window — is an edition of a document in the 意见征集 column and goes through the ordinary review workflow;
 * so does the 意见采纳情况反馈. Comments stay here: the department reads and marks them; the public sees them only as masked
 * quotes inside the reviewed feedback. The phase (征集中 / 已结束 / 已反馈) is derived when read from the window and the clock.
 *
 * <p>This class is the module's API: its types and the reporting; the work is done by {@link ConsultationDrafting},
 * {@link ConsultationComments} and {@link PublicConsultations}, to which its methods delegate.
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

    private final ConsultationDrafting drafting;
    private final ConsultationComments commenting;
    private final PublicConsultations publicSide;
    private final ConsultationRecords records;

    Consultations(ConsultationDrafting drafting, ConsultationComments commenting, PublicConsultations publicSide,
                  ConsultationRecords records) {
        this.drafting = drafting;
        this.commenting = commenting;
        this.publicSide = publicSide;
        this.records = records;
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
        return drafting.minimumDays();
    }

    // ---- drafting (clerks of the department): ConsultationDrafting ----------------------------------------------------

    /** Creates the consultation and its draft edition in 意见征集; the clerk then adds attachments and submits it for review. */
    @Transactional
    public long create(Draft draft, StaffPrincipal me) {
        return drafting.create(draft, me);
    }

    /** Saves the consultation and its draft edition; only while that edition is a draft or returned. */
    @Transactional
    public void edit(long id, long version, Draft draft, StaffPrincipal me) {
        drafting.edit(id, version, draft, me);
    }

    /** The consultations of the departments a staff member works for, newest first. */
    @Transactional(readOnly = true)
    public List<Overview> forStaff(StaffPrincipal me) {
        return drafting.forStaff(me);
    }

    @Transactional(readOnly = true)
    public Overview overview(long id, StaffPrincipal me) {
        return drafting.overview(id, me);
    }

    // ---- comments and feedback in the console: ConsultationComments -------------------------------------------------

    /** The comments as received, for the department (and the reviewers covering it); never for the public. */
    @Transactional(readOnly = true)
    public List<Comment> comments(long id, StaffPrincipal me) {
        return commenting.comments(id, me);
    }

    /**
     * Records a comment that came by letter, e-mail or at a meeting during the window; {@code receivedOn} (default today) must
     * lie in the window and not in the future.
     */
    @Transactional
    public String recordComment(long id, CommentChannel channel, String name, String body, LocalDate receivedOn, StaffPrincipal me) {
        return commenting.recordComment(id, channel, name, body, receivedOn, me);
    }

    /** 采纳 / 部分采纳 / 未采纳, with a reason unless adopted; allowed until the feedback goes to review. */
    @Transactional
    public void decide(long id, long commentId, long version, CommentDecision decision, String reason, StaffPrincipal me) {
        commenting.decide(id, commentId, version, decision, reason, me);
    }

    /**
     * Drafts (or redrafts) the 意见采纳情况反馈 once the window has closed and every comment is marked: the summary the clerk
     * wrote, the counts and each comment quoted with its personal data masked and the decision. The clerk submits it for review
     * like any item; the consultation shows 已反馈 once it is published.
     */
    @Transactional
    public long draftFeedback(long id, String summary, StaffPrincipal me) {
        return commenting.draftFeedback(id, summary, me);
    }

    /** Comment statistics of one consultation, for the console. */
    @Transactional(readOnly = true)
    public Statistics statistics(long id, StaffPrincipal me) {
        return commenting.statistics(id, me);
    }

    // ---- public: PublicConsultations -----------------------------------------------------------------------------------

    /** Consultations whose text is public, newest first; open ones first. */
    @Transactional(readOnly = true)
    public List<PublicSummary> publicList() {
        return publicSide.publicList();
    }

    /** The open consultations, for the Atom feed. */
    @Transactional(readOnly = true)
    public List<PublicSummary> open() {
        return publicSide.open();
    }

    /** A consultation's public page; empty when its text is not public (unknown, draft or unpublished ids alike). */
    @Transactional(readOnly = true)
    public Optional<PublicConsultation> publicView(String publicId) {
        return publicSide.publicView(publicId);
    }

    /** Whether the public id is a consultation whose text was published and is now removed (the page answers 410). */
    @Transactional(readOnly = true)
    public boolean unpublished(String publicId) {
        return publicSide.unpublished(publicId);
    }

    /**
     * A citizen's comment, accepted only while the consultation is open. The honeypot and the per-address limit refuse robots
     * without a CAPTCHA; the address itself is never stored.
     */
    @Transactional
    public Receipt comment(String publicId, CommentInput in, String address) {
        return publicSide.comment(publicId, in, address);
    }

    /** The form's checks, each with its field, so that all problems show at once. */
    public static List<RuleViolation> check(CommentInput in, boolean nameRequired) {
        return PublicConsultations.check(in, nameRequired);
    }

    /**
     * A comment as it may be quoted (see {@link ConsultationComments#quote}).
     */
    public static String quote(String text) {
        return ConsultationComments.quote(text);
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
        LocalDate today = records.today();
        List<OverdueFeedback> overdue = new ArrayList<>();
        for (Row row : records.rows("select * from consultation where closes_on < ? order by closes_on, id",
                Date.valueOf(today.minusDays(dueDays)))) {
            if (records.published(row) && records.phase(row) == ConsultationPhase.CLOSED) {
                overdue.add(new OverdueFeedback(row.id(), records.latestPublicEdition(row).title(), records.departmentName(row.departmentId()),
                        row.closesOn(), ChronoUnit.DAYS.between(row.closesOn(), today)));
            }
        }
        return overdue;
    }
}
