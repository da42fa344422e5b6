package org.gongkai.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.support.StatementCounter;
import org.gongkai.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The review and approval queues load in a fixed number of statements: 18 more editions in a queue add none. */
class QueueQueryCountTests extends AbstractIntegrationTest {

    @Autowired
    EditionWorkflow workflow;

    private void addToQueues(String clerk, String reviewer, int count) throws Exception {
        long node = jdbc.queryForObject("select id from catalogue_node where code = 'zcwj-gfxwj'", Long.class);
        for (int i = 0; i < count; i++) {
            String title = "关于开展卫生监督专项检查的通知" + UUID.randomUUID().toString().substring(0, 6);
            mvc.perform(post("/admin/documents/new").with(csrf()).with(as(clerk))
                            .param("title", title).param("catalogueNodeId", "" + node).param("documentNumber", "示卫监〔2026〕" + i + "号")
                            .param("writtenOn", "2026-03-02").param("topic", "卫生健康").param("genre", "通知")
                            .param("disclosureAttribute", "主动公开").param("bodyHtml", "<p>现将有关事项通知如下。</p>").param("version", "0"))
                    .andExpect(status().is3xxRedirection());
            long id = jdbc.queryForObject("select id from edition where title = ?", Long.class, title);
            workflow.submit(id, identity.principal(clerk).orElseThrow());
            if (i % 2 == 0) { // half of them on to the approvers' queue
                workflow.passReview(id, new Checklist(true, true, true, true, true, true), "同意公开", null, false, null,
                        identity.principal(reviewer).orElseThrow());
            }
        }
    }

    private int statements(String path, String user) throws Exception {
        return StatementCounter.count(() -> mvc.perform(get(path).with(as(user))).andExpect(status().isOk()));
    }

    @Test
    void theReviewAndApprovalQueuesDoNotQueryPerRow() throws Exception {
        String clerk = TestAccounts.create(jdbc, "办公室", "CLERK");
        String reviewer = TestAccounts.create(jdbc, "办公室", "REVIEWER");
        addToQueues(clerk, reviewer, 2);
        statements("/admin/review", "reviewer");
        statements("/admin/approval", "approver");
        int reviewWithFew = statements("/admin/review", "reviewer");
        int approvalWithFew = statements("/admin/approval", "approver");

        addToQueues(clerk, reviewer, 18);
        int reviewWithMore = statements("/admin/review", "reviewer");
        int approvalWithMore = statements("/admin/approval", "approver");

        assertThat(reviewWithFew).isPositive();
        assertThat(reviewWithMore).as("statements for the review queue with 9 more rows").isEqualTo(reviewWithFew);
        assertThat(approvalWithMore).as("statements for the approval queue with 9 more rows").isEqualTo(approvalWithFew);
    }
}
