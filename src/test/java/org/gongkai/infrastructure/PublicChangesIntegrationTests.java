package org.gongkai.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The cluster signal: NOTIFY at commit only, the version row as the fallback, and recovery of a lost listening connection. */
class PublicChangesIntegrationTests extends AbstractIntegrationTest {

    @Autowired
    PublicChanges changes;

    @Autowired
    TransactionTemplate transactions;

    long version() {
        return jdbc.queryForObject("select version from public_change where id = 1", Long.class);
    }

    void awaitSeen(long version, long millis) throws InterruptedException {
        long start = System.nanoTime();
        while (changes.seenVersion() < version && System.nanoTime() - start < millis * 1_000_000) {
            Thread.sleep(10);
        }
        assertThat(changes.seenVersion()).as("version seen within %d ms", millis).isGreaterThanOrEqualTo(version);
    }

    @Test
    void aRolledBackChangeIsNeverAnnouncedAndACommittedOneIsSeenAtOnce() throws Exception {
        long before = version();
        transactions.executeWithoutResult(status -> {
            changes.announce();
            status.setRollbackOnly();
        });
        assertThat(version()).isEqualTo(before);

        long start = System.nanoTime();
        transactions.executeWithoutResult(status -> changes.announce());
        assertThat(version()).isEqualTo(before + 1);
        awaitSeen(before + 1, 1000);
        // through NOTIFY, well before the once-a-second read of the version row
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(900);
    }

    @Test
    void withoutANotifyTheVersionRowIsReadWithinASecond() throws Exception {
        // a change whose NOTIFY this node missed (its listening connection was down at the time)
        jdbc.update("update public_change set version = version + 1 where id = 1");
        awaitSeen(version(), 1500);
    }

    @Test
    void aLostListeningConnectionIsReopened() throws Exception {
        changes.dropListeningConnection();
        Thread.sleep(1500); // reconnect (after half a second)
        long before = version();
        long start = System.nanoTime();
        changes.announce();
        awaitSeen(before + 1, 1000);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(900);
    }
}
