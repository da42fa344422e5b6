package org.gongkai.workflow.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gongkai.content.EditionState;
import org.gongkai.content.EditionStates;
import org.gongkai.identity.StaffDirectory;
import org.gongkai.workflow.Checklist;
import org.gongkai.workflow.ReviewRecord;
import org.gongkai.workflow.WorkflowFacts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Storage of the workflow facts and of the immutable review and approval records. */
@Repository
public class WorkflowRecords {

    private final JdbcTemplate jdbc;

    private final EditionStates editions;
    private final StaffDirectory staff;

    WorkflowRecords(JdbcTemplate jdbc, EditionStates editions, StaffDirectory staff) {
        this.editions = editions;
        this.staff = staff;
        this.jdbc = jdbc;
    }

    public WorkflowFacts facts(long editionId) {
        List<WorkflowFacts> found = jdbc.query("select * from edition_workflow where edition_id = ?", WorkflowRecords::facts, editionId);
        return found.isEmpty() ? WorkflowFacts.none(editionId) : found.get(0);
    }

    public Map<Long, WorkflowFacts> facts(List<Long> editionIds) {
        if (editionIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, WorkflowFacts> out = new java.util.HashMap<>();
        jdbc.query("select * from edition_workflow where edition_id = any (?)",
                rs -> {
                    WorkflowFacts f = facts(rs, 0);
                    out.put(f.editionId(), f);
                }, (Object) editionIds.toArray(Long[]::new));
        return out;
    }

    public void submitted(long editionId, long by, Instant at) {
        jdbc.update("""
                insert into edition_workflow (edition_id, round, submitted_by, submitted_at) values (?, 1, ?, ?)
                on conflict (edition_id) do update set round = edition_workflow.round + 1, submitted_by = excluded.submitted_by,
                    submitted_at = excluded.submitted_at, reviewed_by = null, reviewed_at = null, approved_by = null,
                    approved_at = null, scheduled_for = null, version = edition_workflow.version + 1""",
                editionId, by, Timestamp.from(at));
    }

    public void reviewed(long editionId, long by, Instant at) {
        jdbc.update("update edition_workflow set reviewed_by = ?, reviewed_at = ?, version = version + 1 where edition_id = ?",
                by, Timestamp.from(at), editionId);
    }

    public void approved(long editionId, long by, Instant at) {
        jdbc.update("update edition_workflow set approved_by = ?, approved_at = ?, version = version + 1 where edition_id = ?",
                by, Timestamp.from(at), editionId);
    }

    public void scheduled(long editionId, Instant publishAt) {
        jdbc.update("update edition_workflow set scheduled_for = ?, version = version + 1 where edition_id = ?",
                Timestamp.from(publishAt), editionId);
    }

    public void published(long editionId, Instant at) {
        jdbc.update("""
                insert into edition_workflow (edition_id, published_at) values (?, ?)
                on conflict (edition_id) do update set published_at = excluded.published_at, scheduled_for = null,
                    version = edition_workflow.version + 1""", editionId, Timestamp.from(at));
    }

    public void forcePublished(long editionId, long by, String reason) {
        jdbc.update("update edition_workflow set force_published_by = ?, force_reason = ? where edition_id = ?", by, reason, editionId);
    }

    public void retrospectivelyReviewed(long editionId, Instant at) {
        jdbc.update("update edition_workflow set retrospective_reviewed_at = ? where edition_id = ?", Timestamp.from(at), editionId);
    }

    public void returned(long editionId, String reason, Instant at) {
        jdbc.update("""
                update edition_workflow set last_return_reason = ?, last_returned_at = ?, scheduled_for = null,
                    version = version + 1 where edition_id = ?""", reason, Timestamp.from(at), editionId);
    }

    /** Inserts a review record; the unique (edition, round, retrospective) key refuses a second decision on the same round. */
    public void insertReview(long editionId, int round, boolean retrospective, long reviewer, Instant at, Checklist c,
                             String opinion, int hits, String note, int uncheckedAttachments, String decision) {
        jdbc.update("""
                insert into confidentiality_review (edition_id, round, retrospective, reviewer_id, reviewed_at, no_state_secrets,
                    no_work_secrets, privacy_handled, no_commercial_secrets, no_security_risk, attribute_correct, opinion,
                    personal_data_hits, personal_data_note, unchecked_attachments, unchecked_confirmed, decision)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                editionId, round, retrospective, reviewer, Timestamp.from(at), c.noStateSecrets(), c.noWorkSecrets(),
                c.privacyHandled(), c.noCommercialSecrets(), c.noSecurityRisk(), c.attributeCorrect(), opinion, hits, note,
                uncheckedAttachments, uncheckedAttachments > 0 && "PASS".equals(decision), decision);
    }

    public void insertApproval(long editionId, int round, long approver, Instant at, String decision, String opinion, Instant publishAt) {
        jdbc.update("""
                insert into approval_record (edition_id, round, approver_id, decided_at, decision, opinion, publish_at)
                values (?, ?, ?, ?, ?, ?, ?)""", editionId, round, approver, Timestamp.from(at), decision, opinion == null ? "" : opinion,
                publishAt == null ? null : Timestamp.from(publishAt));
    }

    public List<ReviewRecord> reviews(long editionId) {
        Map<Long, String> names = staff.displayNames(jdbc.queryForList(
                "select distinct reviewer_id from confidentiality_review where edition_id = ?", Long.class, editionId));
        return jdbc.query("""
                select r.* from confidentiality_review r
                where r.edition_id = ? order by r.reviewed_at desc, r.id desc""",
                (rs, n) -> new ReviewRecord(rs.getLong("id"), rs.getLong("edition_id"), rs.getInt("round"), rs.getBoolean("retrospective"),
                        rs.getLong("reviewer_id"), names.get(rs.getLong("reviewer_id")), rs.getTimestamp("reviewed_at").toInstant(),
                        new Checklist(rs.getBoolean("no_state_secrets"), rs.getBoolean("no_work_secrets"), rs.getBoolean("privacy_handled"),
                                rs.getBoolean("no_commercial_secrets"), rs.getBoolean("no_security_risk"), rs.getBoolean("attribute_correct")),
                        rs.getString("opinion"), rs.getInt("personal_data_hits"), rs.getString("personal_data_note"),
                        rs.getString("decision")), editionId);
    }

    /** Editions due for publication. */
    public List<Long> dueForPublication(Instant now) {
        Set<Long> scheduled = editions.editionsIn(EditionState.SCHEDULED);
        if (scheduled.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("""
                select w.edition_id from edition_workflow w
                where w.edition_id = any(?) and w.scheduled_for <= ? order by w.scheduled_for""", Long.class,
                scheduled.toArray(Long[]::new), Timestamp.from(now));
    }

    public List<Long> awaitingRetrospectiveReview() {
        List<Long> forced = jdbc.queryForList("""
                select w.edition_id from edition_workflow w
                where w.force_published_by is not null and w.retrospective_reviewed_at is null
                order by w.published_at""", Long.class);
        Set<Long> published = editions.editionsIn(EditionState.PUBLISHED, forced);
        return forced.stream().filter(published::contains).toList();
    }

    private static WorkflowFacts facts(ResultSet rs, int row) throws SQLException {
        return new WorkflowFacts(rs.getLong("edition_id"), rs.getInt("round"), longOrNull(rs, "submitted_by"), instant(rs, "submitted_at"),
                longOrNull(rs, "reviewed_by"), instant(rs, "reviewed_at"), longOrNull(rs, "approved_by"), instant(rs, "approved_at"),
                instant(rs, "scheduled_for"), instant(rs, "published_at"), longOrNull(rs, "force_published_by"),
                rs.getString("force_reason"), instant(rs, "retrospective_reviewed_at"), rs.getString("last_return_reason"),
                instant(rs, "last_returned_at"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
