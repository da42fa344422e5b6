package org.gongkai.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** A public search statement that runs too long is cancelled by PostgreSQL, and the portal recognises that cancellation. */
class SearchTimeoutTests extends AbstractIntegrationTest {

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aStatementOverItsTimeoutIsCancelledAndRecognisedAsASearchTimeout() {
        Throwable failure = catchThrowable(() -> transactions.executeWithoutResult(s -> {
            jdbc.execute("set local statement_timeout = 50");
            jdbc.queryForList("select pg_sleep(2)");
        }));
        assertThat(failure).isNotNull();
        assertThat(PublicSearch.isSearchTimeout(failure)).isTrue();
        assertThat(PublicSearch.isSearchTimeout(new IllegalStateException("other"))).isFalse();
        assertThat(PublicSearch.SEARCH_TIMEOUT_MILLIS).isBetween(1000, 5000);
    }
}
