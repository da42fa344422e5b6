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
 * Drafting a consultation (the clerks of its department): the draft, its 起草说明 and the window, checked against the minimum
 * window of {@code gongkai.consultation.minimum-days}, kept as an edition in 意见征集.
 */
@Service
public class ConsultationDrafting {

    private static final DateTimeFormatter CHINESE_DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final ConsultationRecords records;
    private final ContentManagement content;
    private final AuditTrail audit;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int minimumDays;

    ConsultationDrafting(ConsultationRecords records, ContentManagement content, AuditTrail audit, JdbcTemplate jdbc, Clock clock,
                         @Value("${gongkai.consultation.minimum-days:30}") int minimumDays) {
        this.records = records;
        this.content = content;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.minimumDays = minimumDays;
    }

    public int minimumDays() {
        return minimumDays;
    }

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
        Row row = records.row(id);
        records.mustDraft(row, me);
        if (row.version() != version) {
            throw new ObjectOptimisticLockingFailureException("consultation", id);
        }
        EditionView edition = records.latestEdition(row.documentId());
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
        for (Row row : records.rows("select * from consultation order by created_at desc, id desc")) {
            if (ContentManagement.maySee(me, row.departmentId())) {
                list.add(records.overviewOf(row));
            }
        }
        return list;
    }

    @Transactional(readOnly = true)
    public Overview overview(long id, StaffPrincipal me) {
        Row row = records.row(id);
        if (!ContentManagement.maySee(me, row.departmentId())) {
            throw new NotFoundException();
        }
        return records.overviewOf(row);
    }

    Draft check(Draft d) {
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
        String reason = ConsultationRecords.blank(d.shortWindowReason());
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

    DraftInput input(Draft d, EditionView current) {
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
        h.append("<h3>一、起草背景</h3>").append(ConsultationRecords.paragraphs(d.background()));
        h.append("<h3>二、起草依据</h3>").append(ConsultationRecords.paragraphs(d.basis()));
        h.append("<h3>三、主要内容</h3>").append(ConsultationRecords.paragraphs(d.mainContent()));
        h.append("<h2>征求意见时间和方式</h2>");
        h.append("<p>征求意见时间：").append(d.opensOn().format(CHINESE_DAY)).append("至").append(d.closesOn().format(CHINESE_DAY))
                .append("（共").append(days).append("日）。</p>");
        if (d.shortWindowReason() != null) {
            h.append("<p>征求意见期限少于").append(minimumDays).append("日的理由：").append(ConsultationRecords.esc(d.shortWindowReason())).append("</p>");
        }
        h.append(ConsultationRecords.paragraphs(d.howToComment()));
        return BodySanitizer.sanitise(h.toString());
    }
}
