package org.gongkai.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.TestAccounts;
import org.gongkai.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices that leave the system (e-mail) go out after the workflow's transaction commits, through the event publication
 * registry: a rolled-back action sends nothing, and a mail that failed is sent when the incomplete publication is resubmitted
 * (as after a restart), once.
 */
class AfterCommitNoticeTests extends AbstractIntegrationTest {

    @Autowired
    EditionWorkflow workflow;

    @Autowired
    TestMail mail;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    IncompleteEventPublications incomplete;

    /** A clerk's draft in 办公室 and a reviewer there with an e-mail address; returns {edition id, reviewer id}. */
    private long[] draftWithReviewer(String clerk, String address) throws Exception {
        String reviewer = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        jdbc.update("update staff_user set email = ? where username = ?", address, reviewer);
        String title = "关于调整门诊服务时间的通知" + UUID.randomUUID().toString().substring(0, 6);
        long node = jdbc.queryForObject("select id from catalogue_node where code = 'zcwj-gfxwj'", Long.class);
        mvc.perform(post("/admin/documents/new").with(csrf()).with(as(clerk))
                        .param("title", title).param("catalogueNodeId", "" + node).param("documentNumber", "示卫办〔2026〕3号")
                        .param("writtenOn", "2026-03-02").param("topic", "卫生健康").param("genre", "通知")
                        .param("disclosureAttribute", "主动公开").param("bodyHtml", "<p>自即日起调整。</p>").param("version", "0"))
                .andExpect(status().is3xxRedirection());
        long edition = jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
        return new long[] {edition, TestAccounts.idOf(jdbc, reviewer)};
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(until);
            Thread.sleep(50);
        }
    }

    private int incompleteMailPublications() {
        return jdbc.queryForObject("""
                select count(*) from event_publication where completion_date is null and event_type like '%NoticesPosted'""",
                Integer.class);
    }

    @Test
    void aRolledBackSubmissionSendsNoMailAndLeavesNoNotice() throws Exception {
        String clerk = TestAccounts.create(jdbc, "办公室", "CLERK");
        String address = "r" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        long[] ids = draftWithReviewer(clerk, address);
        int before = incompleteMailPublications();

        transactions.executeWithoutResult(tx -> {
            workflow.submit(ids[0], identity.principal(clerk).orElseThrow());
            tx.setRollbackOnly(); // e.g. a later step of the same action failed
        });

        assertThat(jdbc.queryForObject("select state from edition where id = ?", String.class, ids[0])).isEqualTo("DRAFT");
        assertThat(jdbc.queryForObject("select count(*) from notification where recipient_id = ?", Integer.class, ids[1])).isZero();
        assertThat(incompleteMailPublications()).isEqualTo(before);
        // the same action committed does send: the mail arrives, so its absence above is not a matter of timing
        workflow.submit(ids[0], identity.principal(clerk).orElseThrow());
        await(() -> mail.sentTo(address).size() == 1);
        assertThat(mail.sentTo(address).get(0).getSubject()).startsWith("【政务公开】待保密审查：关于调整门诊服务时间的通知");
        assertThat(jdbc.queryForObject("select count(*) from notification where recipient_id = ?", Integer.class, ids[1])).isOne();
    }

    @Test
    void aMailThatFailedIsSentOnceWhenTheIncompletePublicationIsResubmitted() throws Exception {
        String clerk = TestAccounts.create(jdbc, "办公室", "CLERK");
        String address = "r" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        long[] ids = draftWithReviewer(clerk, address);

        mail.refuseOnce(address);
        workflow.submit(ids[0], identity.principal(clerk).orElseThrow());
        long notice = jdbc.queryForObject("select id from notification where recipient_id = ?", Long.class, ids[1]);
        String publication = "[^0-9]" + notice + "[^0-9]";
        await(() -> jdbc.queryForObject("""
                select count(*) from event_publication where serialized_event ~ ? and status = 'FAILED'""",
                Integer.class, publication) == 1);
        assertThat(mail.sentTo(address)).isEmpty();
        assertThat(jdbc.queryForObject("select mailed_at is null from notification where id = ?", Boolean.class, notice)).isTrue();

        // what the application does after a restart (and every minute, on one node): resubmit what did not complete
        incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof org.gongkai.console.NoticesPosted posted
                && posted.noticeIds().contains(notice));
        await(() -> mail.sentTo(address).size() == 1);
        // completed publications are deleted (spring.modulith.events.completion-mode=delete)
        await(() -> jdbc.queryForObject("select count(*) from event_publication where serialized_event ~ ?",
                Integer.class, publication) == 0);
        assertThat(jdbc.queryForObject("select mailed_at is not null from notification where id = ?", Boolean.class, notice)).isTrue();

        // resubmitting again (a second node, a second restart) sends nothing more
        incomplete.resubmitIncompletePublications(p -> true);
        Thread.sleep(500);
        assertThat(mail.sentTo(address)).hasSize(1);
    }
}
