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

    /** What another node's change does: its own transaction raises the version and sends the NOTIFY. */
    long changeOnAnotherNode() {
        return jdbc.queryForObject("""
                with changed as (update public_change set version = version + 1, changed_at = now() where id = 1 returning version)
                select version, pg_notify(?, version::text) from changed""", (rs, n) -> rs.getLong(1), PublicChanges.CHANNEL);
    }

    @Test
    void aRolledBackChangeIsNeverAnnouncedAndACommittedOneIsSeenAtOnce() throws Exception {
        long before = version();
        transactions.executeWithoutResult(status -> {
            changes.announce();
            status.setRollbackOnly();
        });
        assertThat(version()).isEqualTo(before);
        assertThat(changes.seenVersion()).isLessThanOrEqualTo(before);

        transactions.executeWithoutResult(status -> {
            changes.announce();
            assertThat(changes.seenVersion()).as("not before the commit").isLessThanOrEqualTo(before);
        });
        assertThat(version()).isEqualTo(before + 1);
        assertThat(changes.seenVersion()).as("this node's own change, right after its commit").isEqualTo(before + 1);
    }

    /** The listening connection is up (a PostgreSQL that refuses more clients delays it: then the version row serves). */
    void awaitListening() throws InterruptedException {
        long start = System.nanoTime();
        while (!changes.isListening() && System.nanoTime() - start < 30_000_000_000L) {
            Thread.sleep(50);
        }
        assertThat(changes.isListening()).as("listening for NOTIFY").isTrue();
    }

    @Test
    void anotherNodesChangeArrivesByNotifyWellWithinASecond() throws Exception {
        awaitListening();
        long start = System.nanoTime();
        long version = changeOnAnotherNode();
        awaitSeen(version, 1000);
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
        awaitListening();
        changes.dropListeningConnection();
        Thread.sleep(100);
        awaitListening(); // reconnected (after half a second)
        long start = System.nanoTime();
        long version = changeOnAnotherNode();
        awaitSeen(version, 1000);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(900);
    }
}
