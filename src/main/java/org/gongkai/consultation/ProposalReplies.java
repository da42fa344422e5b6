package org.gongkai.consultation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.gongkai.audit.AuditTrail;
import org.gongkai.content.BodySanitizer;
import org.gongkai.content.ContentManagement;
import org.gongkai.content.ContentManagement.DraftInput;
import org.gongkai.content.EditionView;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.publication.PublicStatus;
import org.gongkai.publication.PublishedItems;
import org.gongkai.support.RuleViolation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * 建议提案办理结果: replies to 人大代表建议 and 政协委员提案, published in full (seed 002: "对涉及公共利益、社会广泛关注的建议或提案，
 * 除涉密或敏感信息外，原则上都要公开答复全文"). The reply is an edition in its own column and goes through the ordinary review;
 * this service keeps the proposal's kind, number and year beside it and counts published replies for the annual report.
 */
@Service
public class ProposalReplies {

    public static final String CATALOGUE_CODE = "jyta";

    /** 人大代表建议 or 政协委员提案. */
    public enum Kind {
        /** 人大代表建议. */
        NPC,
        /** 政协委员提案. */
        CPPCC;

        public String label() {
            return this == NPC ? "人大代表建议" : "政协委员提案";
        }
    }

    /** What a clerk types. */
    public record Input(Kind kind, String proposalNumber, Integer sessionYear, String title, String replyHtml, LocalDate writtenOn) {
    }

    /** A reply in the console list. */
    public record Reply(long documentId, Kind kind, String proposalNumber, int sessionYear, long editionId, String title,
                        String state, String departmentName) {
    }

    private final ContentManagement content;
    private final PublishedItems published;
    private final AuditTrail audit;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ProposalReplies(ContentManagement content, PublishedItems published, AuditTrail audit, JdbcTemplate jdbc, Clock clock) {
        this.content = content;
        this.published = published;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Drafts the reply as an edition of 建议提案办理结果; the clerk submits it for review on the edition page. */
    @Transactional
    public long create(Input in, StaffPrincipal me) {
        if (!me.has(Role.CLERK)) {
            throw new AccessDeniedException("clerks draft replies");
        }
        if (in.kind() == null) {
            throw new RuleViolation("kind", "proposal.error.kind");
        }
        String number = in.proposalNumber() == null ? "" : in.proposalNumber().strip();
        if (number.isEmpty() || number.length() > 40) {
            throw new RuleViolation("proposalNumber", "proposal.error.number");
        }
        if (in.sessionYear() == null || in.sessionYear() < 2000 || in.sessionYear() > LocalDate.now(clock).getYear()) {
            throw new RuleViolation("sessionYear", "proposal.error.year");
        }
        if (in.title() == null || in.title().isBlank() || in.title().strip().length() > 200) {
            throw new RuleViolation("title", "proposal.error.title");
        }
        String reply = BodySanitizer.sanitise(in.replyHtml());
        if (reply.isBlank()) {
            throw new RuleViolation("replyHtml", "proposal.error.reply");
        }
        long node = content.node(CATALOGUE_CODE).orElseThrow().getId();
        String label = in.kind().label() + " " + in.sessionYear() + "年" + number;
        String body = "<p>" + HtmlUtils.htmlEscape(in.kind().label() + "编号：" + in.sessionYear() + "年" + number, "UTF-8") + "</p>" + reply;
        EditionView edition = content.createDraft(new DraftInput(in.title().strip(), null, in.writtenOn(),
                label + "的办理结果（答复全文）", in.kind().label() + "," + number, node, null, "建议提案答复", "社会公众", "主动公开", body,
                null, false, false), me);
        try {
            jdbc.update("""
                    insert into proposal_reply (document_id, kind, proposal_number, session_year, created_at) values (?, ?, ?, ?, ?)""",
                    edition.documentId(), in.kind().name(), number, in.sessionYear(), Timestamp.from(Instant.now(clock)));
        } catch (DuplicateKeyException e) {
            throw new RuleViolation("proposalNumber", "proposal.error.duplicate");
        }
        audit.record("proposal.reply.created", "edition", edition.editionId(), label);
        return edition.editionId();
    }

    /** The replies of the departments a staff member works for, newest first. */
    @Transactional(readOnly = true)
    public List<Reply> forStaff(StaffPrincipal me) {
        List<Reply> replies = new ArrayList<>();
        jdbc.query("select document_id, kind, proposal_number, session_year from proposal_reply order by created_at desc, id desc", rs -> {
            long documentId = rs.getLong(1);
            EditionView latest = content.editionsOf(documentId).get(0);
            if (ContentManagement.maySee(me, latest.departmentId())) {
                replies.add(new Reply(documentId, Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getInt(4), latest.editionId(),
                        latest.title(), latest.state().name(), latest.departmentName()));
            }
        });
        return replies;
    }

    /**
     * Replies first published in the year, per kind: for 六、其他需要报告的事项 of the annual report (国办公开办函〔2021〕30号 asks
     * there for 人大代表建议和政协提案办理结果公开情况; its tables have no row for them).
     */
    @Transactional(readOnly = true)
    public Map<Kind, Long> publishedIn(int year, ZoneId zone) {
        Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            counts.put(k, 0L);
        }
        List<Map<String, Object>> rows = jdbc.queryForList("select document_id, kind from proposal_reply");
        for (Map<String, Object> row : rows) {
            String publicId = content.publicIdOf(((Number) row.get("document_id")).longValue());
            PublicStatus status = published.status(publicId);
            if (status != PublicStatus.LIVE && status != PublicStatus.WITHDRAWN) {
                continue;
            }
            var item = published.find(publicId);
            if (item.isPresent() && !item.get().history().isEmpty()
                    && item.get().history().get(item.get().history().size() - 1).at().atZone(zone).getYear() == year) {
                counts.merge(Kind.valueOf((String) row.get("kind")), 1L, Long::sum);
            }
        }
        return counts;
    }
}
