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
 * The comments in the console (the department reads, records and marks them) and the 意见采纳情况反馈 drafted from them, with each
 * comment quoted with its personal data masked.
 */
@Service
public class ConsultationComments {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    /** Long digit runs the scanner did not take as ID numbers or cards (a mistyped check digit is still someone's number). */
    private static final Pattern LONG_NUMBER = Pattern.compile("(?<![0-9])\\d{11,}[0-9Xx]?(?![0-9])");
    private static final Pattern LANDLINE = Pattern.compile("(?<![0-9])0\\d{2,3}-?\\d{7,8}(?![0-9])");
    private static final DateTimeFormatter CHINESE_DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final ConsultationRecords records;
    private final ContentManagement content;
    private final AuditTrail audit;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ConsultationComments(ConsultationRecords records, ContentManagement content, AuditTrail audit, JdbcTemplate jdbc, Clock clock) {
        this.records = records;
        this.content = content;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The comments as received, for the department (and the reviewers covering it); never for the public. */
    @Transactional(readOnly = true)
    public List<Comment> comments(long id, StaffPrincipal me) {
        Row row = records.row(id);
        if (!ContentManagement.maySee(me, row.departmentId())) {
            throw new NotFoundException();
        }
        return records.comments(id);
    }

    /**
     * Records a comment that came by letter, e-mail or at a meeting during the window; {@code receivedOn} (default today) must
     * lie in the window and not in the future.
     */
    @Transactional
    public String recordComment(long id, CommentChannel channel, String name, String body, LocalDate receivedOn, StaffPrincipal me) {
        Row row = records.row(id);
        records.mustDraft(row, me);
        LocalDate on = receivedOn == null ? records.today() : receivedOn;
        if (on.isAfter(records.today()) || on.isBefore(row.opensOn()) || on.isAfter(row.closesOn())) {
            throw new RuleViolation("receivedOn", "consultation.error.receivedOn");
        }
        if (channel == null || channel == CommentChannel.WEB) {
            throw new RuleViolation("channel", "consultation.error.channel");
        }
        if (body == null || body.isBlank() || body.strip().length() > MAX_COMMENT) {
            throw new RuleViolation("body", "consultation.error.body");
        }
        if (!records.published(row)) {
            throw new RuleViolation(null, "consultation.error.notPublished");
        }
        Instant at = on.equals(records.today()) ? Instant.now(clock) : on.atTime(12, 0).atZone(clock.getZone()).toInstant();
        return records.insertComment(row, channel, ConsultationRecords.blank(name), null, body.strip(), me.id(), at);
    }

    /** 采纳 / 部分采纳 / 未采纳, with a reason unless adopted; allowed until the feedback goes to review. */
    @Transactional
    public void decide(long id, long commentId, long version, CommentDecision decision, String reason, StaffPrincipal me) {
        Row row = records.row(id);
        records.mustDraft(row, me);
        if (decision == null) {
            throw new RuleViolation("decision", "consultation.error.decision");
        }
        String why = ConsultationRecords.blank(reason);
        if (decision != CommentDecision.ADOPTED && why == null) {
            throw new RuleViolation("reason", "consultation.error.reason");
        }
        if (why != null && why.length() > 1000) {
            throw new RuleViolation("reason", "consultation.error.reasonLength");
        }
        records.feedbackStillEditable(row);
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
        Row row = records.row(id);
        records.mustDraft(row, me);
        if (records.phase(row) != ConsultationPhase.CLOSED && records.phase(row) != ConsultationPhase.ANSWERED) {
            throw new RuleViolation("summary", "consultation.error.notClosed");
        }
        String text = ConsultationRecords.blank(summary);
        if (text == null || text.length() > 5000) {
            throw new RuleViolation("summary", "consultation.error.summary");
        }
        List<Comment> comments = records.comments(id);
        long undecided = comments.stream().filter(c -> c.decision() == null).count();
        if (undecided > 0) {
            throw new RuleViolation("summary", "consultation.error.undecided");
        }
        EditionView consultation = records.latestPublicEdition(row);
        long node = content.node(CATALOGUE_CODE).orElseThrow().getId();
        DraftInput input = new DraftInput("关于《" + consultation.title() + "》征求意见采纳情况的反馈", null, null,
                "征求意见期间共收到意见" + comments.size() + "条，采纳情况见正文。", null, node, consultation.topic(), "意见反馈", "社会公众",
                "主动公开", feedbackHtml(row, text, comments, ConsultationRecords.statistics(comments)), null, false, false,
                List.of(new RelatedInput(RelatedDocument.Relation.SEE_ALSO, consultation.publicId())));
        long editionId;
        if (row.feedbackDocumentId() == null) {
            EditionView edition = content.createDraft(input, me);
            jdbc.update("update consultation set feedback_document_id = ?, feedback_summary = ?, version = version + 1 where id = ?",
                    edition.documentId(), text, id);
            editionId = edition.editionId();
        } else {
            EditionView edition = records.latestEdition(row.feedbackDocumentId());
            if (!edition.editable()) {
                throw new RuleViolation("summary", "consultation.error.feedbackNotEditable");
            }
            content.editDraft(edition.editionId(), edition.version(), input, me);
            jdbc.update("update consultation set feedback_summary = ?, version = version + 1 where id = ?", text, id);
            editionId = edition.editionId();
        }
        audit.record("consultation.feedback.drafted", "consultation", id, row.title());
        return editionId;
    }

    /** Comment statistics of one consultation, for the console. */
    @Transactional(readOnly = true)
    public Statistics statistics(long id, StaffPrincipal me) {
        return ConsultationRecords.statistics(comments(id, me));
    }

    private String feedbackHtml(Row row, String summary, List<Comment> comments, Statistics s) {
        StringBuilder h = new StringBuilder(ConsultationRecords.paragraphs(summary));
        h.append("<h2>意见采纳情况</h2>");
        StringBuilder channels = new StringBuilder();
        for (Map.Entry<CommentChannel, Long> e : s.byChannel().entrySet()) {
            if (e.getValue() > 0) {
                channels.append(channels.isEmpty() ? "" : "、").append(channelName(e.getKey())).append(e.getValue()).append("条");
            }
        }
        h.append("<p>").append(row.opensOn().format(CHINESE_DAY)).append("至").append(row.closesOn().format(CHINESE_DAY))
                .append("征求意见期间，共收到意见").append(s.total()).append("条")
                .append(channels.isEmpty() ? "" : "（" + channels + "）").append("，其中采纳").append(s.adopted()).append("条、部分采纳")
                .append(s.partlyAdopted()).append("条、未采纳").append(s.notAdopted()).append("条。</p>");
        if (!comments.isEmpty()) {
            h.append("<table><caption>意见及采纳情况</caption><thead><tr><th scope=\"col\">序号</th><th scope=\"col\">意见摘要</th>")
                    .append("<th scope=\"col\">采纳情况</th><th scope=\"col\">说明</th></tr></thead><tbody>");
            int i = 1;
            for (Comment c : comments) {
                h.append("<tr><td>").append(i++).append("</td><td>").append(ConsultationRecords.esc(quote(c.body()))).append("</td><td>")
                        .append(decisionName(c.decision())).append("</td><td>")
                        .append(ConsultationRecords.esc(c.decisionReason() == null ? "" : quote(c.decisionReason()))).append("</td></tr>");
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
}
