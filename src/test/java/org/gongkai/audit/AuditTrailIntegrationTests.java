package org.gongkai.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.gongkai.AbstractIntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders;
import org.springframework.transaction.support.TransactionTemplate;

class AuditTrailIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void updateDeleteAndTruncateAreRefusedForTheApplicationsRole() throws Exception {
        mvc.perform(SecurityMockMvcRequestBuilders.formLogin("/login").user("auditor").password("wrong-" + System.nanoTime()));
        assertThatThrownBy(() -> jdbc.update("update audit_event set summary = 'x'")).isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_event")).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.execute("truncate audit_event")).isInstanceOf(DataAccessException.class);
    }

    @Test
    void theVerifierFindsTheFirstTamperedRow() {
        transactions.executeWithoutResult(s -> {
            for (int i = 0; i < 3; i++) {
                trail.recordAs("tester", "", "test.event", "test", i, "第" + i + "条");
            }
        });
        assertThat(trail.verify().intact()).isTrue();
        long victim = jdbc.queryForObject("select max(id) - 1 from audit_event where action = 'test.event'", Long.class);
        String original = jdbc.queryForObject("select summary from audit_event where id = ?", String.class, victim);
        // tampering needs a superuser who switches the trigger off: exactly what the hash chain is for
        jdbc.execute("alter table audit_event disable trigger audit_event_no_update");
        try {
            jdbc.update("update audit_event set summary = '篡改' where id = ?", victim);
            ChainVerification verification = trail.verify();
            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBrokenEventId()).isEqualTo(victim);
        } finally {
            jdbc.update("update audit_event set summary = ? where id = ?", original, victim);
            jdbc.execute("alter table audit_event enable trigger audit_event_no_update");
        }
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void onlyTheAuditorReadsVerifiesAndExportsTheTrail() throws Exception {
        mvc.perform(get("/admin/audit").with(as("auditor"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("审计日志")));
        mvc.perform(post("/admin/audit/verify").with(csrf()).with(as("auditor"))).andExpect(status().is3xxRedirection());
        mvc.perform(get("/admin/audit/export.csv").with(as("auditor")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"));
        assertThat(jdbc.queryForObject("select count(*) from audit_event where action = 'audit.exported' and actor = 'auditor'",
                Integer.class)).isPositive();
        for (String other : new String[] {"sysadmin", "secadmin", "reviewer", "clerk"}) {
            mvc.perform(get("/admin/audit").with(as(other))).andExpect(status().isForbidden());
        }
    }
}
