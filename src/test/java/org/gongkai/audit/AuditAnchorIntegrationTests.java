package org.gongkai.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's tail cannot be cut unnoticed (issue #15, point 7): anchors sign the chain's head outside the chain, the
 * verifier reports an anchored event that is gone, and system actors are named in events.
 */
class AuditAnchorIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditAnchors anchors;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TaskScheduler scheduler;

    @Test
    void deletingTheNewestEventsAfterAnAnchorIsReportedAsACutOffTail() throws Exception {
        String marker = UUID.randomUUID().toString();
        transactions.executeWithoutResult(s -> {
            for (int i = 0; i < 3; i++) {
                trail.recordAs("tester", "", "test.anchored", "test", marker, "第" + i + "条");
            }
        });
        AuditAnchor anchor = anchors.anchor().orElseThrow();
        long first = jdbc.queryForObject("select min(id) from audit_event where object_id = ?", Long.class, marker);
        long last = jdbc.queryForObject("select max(id) from audit_event where object_id = ?", Long.class, marker);
        assertThat(anchor.eventId()).isGreaterThanOrEqualTo(last);
        assertThat(anchors.authentic(anchor)).isTrue();
        ChainVerification before = trail.verify();
        assertThat(before.intact()).isTrue();
        assertThat(before.lastAnchor().eventId()).isEqualTo(anchor.eventId());

        // a superuser switches the trigger off and deletes the newest events: all in one transaction that is rolled back,
        // holding the chain lock so that no other test appends meanwhile
        transactions.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, AuditTrail.CHAIN_LOCK);
            jdbc.execute("alter table audit_event disable trigger audit_event_no_update");
            jdbc.update("delete from audit_event where id >= ?", first);
            ChainVerification cut = trail.verify();
            assertThat(cut.firstBrokenEventId()).as("what is left still chains").isNull();
            assertThat(cut.intact()).isFalse();
            assertThat(cut.tailCut()).isTrue();
            assertThat(cut.cutAnchor().eventId()).isGreaterThanOrEqualTo(last);
            assertThat(cut.lastEventId()).isLessThan(first);
            try {
                // the verifier's answer travels in the session's flash map to the page it redirects to
                MvcResult verified = mvc.perform(post("/admin/audit/verify").with(csrf()).with(as("auditor"))).andReturn();
                String page = mvc.perform(get("/admin/audit").with(as("auditor")).cookie(verified.getResponse().getCookies()))
                        .andReturn().getResponse().getContentAsString();
                assertThat(page).contains("哈希链尾部被截断", "锚点记录的第 " + cut.cutAnchor().eventId() + " 条记录已不存在");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void anAnchorNotSignedWithTheConfiguredKeyIsReported() {
        transactions.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            long head = jdbc.queryForObject("select max(id) from audit_event", Long.class);
            String hash = jdbc.queryForObject("select hash from audit_event where id = ?", String.class, head);
            long forged = jdbc.queryForObject("""
                    insert into audit_anchor (anchored_at, event_id, head_hash, key_id, signature)
                    values (now(), ?, ?, '0000000000000000', repeat('a', 64)) returning id""", Long.class, head, hash);
            ChainVerification verification = trail.verify();
            assertThat(verification.intact()).isFalse();
            assertThat(verification.forgedAnchorId()).isEqualTo(forged);
        });
    }

    @Test
    void theVerifierPageShowsTheLastAnchorAndTheAnchorIsAppendOnly() throws Exception {
        transactions.executeWithoutResult(s -> trail.recordAs("tester", "", "test.anchored", "test", "page", "页面"));
        AuditAnchor anchor = anchors.anchor().orElseGet(() -> anchors.last().orElseThrow());
        String page = mvc.perform(get("/admin/audit").with(as("auditor"))).andReturn().getResponse().getContentAsString();
        AuditAnchor shown = anchors.last().orElseThrow();
        assertThat(shown.id()).isGreaterThanOrEqualTo(anchor.id());
        assertThat(page).contains("最后锚点", shown.headHash(), shown.signature());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("delete from audit_anchor"))
                .rootCause().hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update("update audit_anchor set event_id = 1"))
                .rootCause().hasMessageContaining("append-only");
    }

    @Test
    void whatTheSchedulerDoesIsAuditedAsSystemSchedulerNotAnonymous() throws Exception {
        String marker = UUID.randomUUID().toString();
        scheduler.schedule(() -> transactions.executeWithoutResult(s -> trail.record("test.scheduled", "test", marker, "定时任务")),
                Instant.now()).get(10, TimeUnit.SECONDS);
        assertThat(jdbc.queryForObject("select actor from audit_event where object_id = ?", String.class, marker))
                .isEqualTo("system:scheduler");
        assertThat(SystemActor.call("scheduler", SystemActor::current)).isEqualTo("system:scheduler");
        assertThat(SystemActor.current()).isNull();
    }
}
