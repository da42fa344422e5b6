package org.gongkai.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.gongkai.AbstractIntegrationTest;
import org.gongkai.content.ContentManagement;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.portal.PublicPageCache;
import org.gongkai.workflow.Checklist;
import org.gongkai.workflow.EditionWorkflow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Public pages read from the replica; writes and the console never do. The shared test context configures the replica as
 * a second pool on the same database whose sessions are read-only ({@code default_transaction_read_only}), as a streaming
 * replica's are: so every write anywhere in the suite also proves it did not go that way. (A real replica on its own
 * cluster: {@code src/bench/replica.sh}.)
 */
class ReplicaReadsTests extends AbstractIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    PublicChanges changes;

    @Autowired
    PublicPageCache pages;

    @Autowired
    ContentManagement content;

    @Autowired
    EditionWorkflow workflow;

    PublicReadRouting routing() throws SQLException {
        return dataSource.unwrap(PublicReadRouting.class);
    }

    String liveItem() {
        return jdbc.queryForObject("select document_id from public_document where status = 'LIVE' order by document_id limit 1",
                String.class);
    }

    @Test
    void publicPagesReadFromTheReplica() throws Exception {
        PublicReadRouting routing = routing();
        // (a catalogue column: the tree itself is kept in memory until a public change, its list of items is read every time)
        for (String path : new String[] {"/", "/items/" + liveItem(), "/catalogue/zcwj-gfxwj", "/search?q=%E5%8D%AB%E7%94%9F", "/guide"}) {
            pages.evictAll();
            long replica = routing.replicaConnections();
            long primary = routing.primaryConnections();
            mvc.perform(get(path)).andExpect(status().isOk());
            assertThat(routing.replicaConnections()).as("replica connections for %s", path).isGreaterThan(replica);
            assertThat(routing.primaryConnections()).as("public reads of %s from the primary", path).isEqualTo(primary);
        }
    }

    @Test
    void theReplicasConnectionsCannotWrite() throws Exception {
        PublicReadRouting routing = routing();
        try (Connection connection = PublicReadScope.run(() -> {
            try {
                return routing.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("update public_change set changed_at = changed_at where id = 1"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
        }
    }

    @Test
    void writesAndTheConsoleStayOnThePrimary() throws Exception {
        PublicReadRouting routing = routing();
        long replica = routing.replicaConnections();
        String title = "副本测试 " + System.nanoTime();
        long edition = publish(title);
        // the console: a signed-in page, and a read-only read outside any public page
        mvc.perform(get("/admin").with(as("clerk"))).andExpect(status().isOk());
        assertThat(routing.replicaConnections()).as("the workflow and the console took nothing from the replica").isEqualTo(replica);

        String id = jdbc.queryForObject("select d.public_id from document d join edition e on e.document_id = d.id where e.id = ?",
                String.class, edition);
        mvc.perform(get("/items/" + id)).andExpect(status().isOk());
        assertThat(routing.replicaConnections()).as("the new item's page came from the replica").isGreaterThan(replica);
    }

    @Test
    void whileTheReplicaIsBehindPublicPagesReadFromThePrimary() throws Exception {
        PublicReadRouting routing = routing();
        awaitListening();
        long version = jdbc.queryForObject("select version from public_change where id = 1", Long.class);
        long ahead = version + 1000;
        try {
            // this node hears of a change (NOTIFY) that the replica has not replayed yet: its version row is still lower
            jdbc.queryForObject("select pg_notify(?, ?)", String.class, PublicChanges.CHANNEL, Long.toString(ahead));
            awaitSeen(ahead);
            long replica = routing.replicaConnections();
            long primary = routing.primaryConnections();
            mvc.perform(get("/items/" + liveItem())).andExpect(status().isOk());
            assertThat(routing.primaryConnections()).as("public reads while the replica is behind").isGreaterThan(primary);
            assertThat(routing.replicaConnections()).isEqualTo(replica);
            assertThat(routing.replicaVersion()).isLessThan(ahead);
        } finally {
            // the replica replays the change: its version row reaches what the node has seen
            jdbc.update("update public_change set version = greatest(version, ?) where id = 1", ahead);
        }
        Thread.sleep(PublicReadRouting.RECHECK_MILLIS + 20);
        long replica = routing.replicaConnections();
        pages.evictAll();
        mvc.perform(get("/catalogue/zcwj-gfxwj")).andExpect(status().isOk());
        assertThat(routing.replicaConnections()).as("back on the replica once it caught up").isGreaterThan(replica);
        assertThat(routing.replicaVersion()).isGreaterThanOrEqualTo(ahead);
    }

    void awaitListening() throws InterruptedException {
        long start = System.nanoTime();
        while (!changes.isListening() && System.nanoTime() - start < 30_000_000_000L) {
            Thread.sleep(50);
        }
        assertThat(changes.isListening()).isTrue();
    }

    void awaitSeen(long version) throws InterruptedException {
        long start = System.nanoTime();
        while (changes.seenVersion() < version && System.nanoTime() - start < 5_000_000_000L) {
            Thread.sleep(10);
        }
        assertThat(changes.seenVersion()).isGreaterThanOrEqualTo(version);
    }

    long publish(String title) {
        long nodeId = jdbc.queryForObject("select id from catalogue_node where code = 'zcwj-gfxwj'", Long.class);
        long edition = asStaff("clerk", me -> content.createDraft(new ContentManagement.DraftInput(
                title, "示卫规字〔2026〕9号", LocalDate.of(2026, 3, 2), "", "", nodeId, "卫生健康", "规范性文件", "", "主动公开",
                "<p>副本读取的测试。</p>", "", false, false), me).editionId());
        asStaff("clerk", me -> {
            workflow.submit(edition, me);
            return null;
        });
        asStaff("reviewer", me -> {
            workflow.passReview(edition, new Checklist(true, true, true, true, true, true), "同意公开", null, false, null, me);
            return null;
        });
        if ("REVIEWED".equals(jdbc.queryForObject("select state from edition where id = ?", String.class, edition))) {
            asStaff("approver", me -> {
                workflow.approve(edition, "同意发布", null, me);
                return null;
            });
        }
        assertThat(jdbc.queryForObject("select state from edition where id = ?", String.class, edition)).isEqualTo("PUBLISHED");
        return edition;
    }

    <T> T asStaff(String username, java.util.function.Function<StaffPrincipal, T> action) {
        StaffPrincipal me = identity.principal(username).orElseThrow();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(me, null, me.getAuthorities()));
        try {
            return action.apply(me);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
