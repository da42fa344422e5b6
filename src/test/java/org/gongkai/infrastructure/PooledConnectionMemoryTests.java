package org.gongkai.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.gongkai.AbstractIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every pooled connection, the primary's and the replica's, first lets its backend's malloc keep blocks of a few
 * megabytes ({@code spring.datasource.hikari.connection-init-sql}): a query that needs that much, run again, reuses them
 * instead of taking its pages from the operating system afresh. Without it, each run of the query below cost about 1,500
 * page faults, and a search with a department filter 420 (docs/performance.md). The backend reads its own count of
 * page faults from {@code /proc/self/stat}.
 */
class PooledConnectionMemoryTests extends AbstractIntegrationTest {

    /** A hash aggregate of 40,000 rows: a few megabytes, within the default work_mem. */
    static final String NEEDS_MEGABYTES = "select count(*) from (select distinct g from generate_series(1, 40000) g) x";

    @Autowired
    DataSource dataSource;

    @Test
    void aPrimaryConnectionKeepsTheMemoryOfItsLastQuery() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(setting(connection, "default_transaction_read_only")).isEqualTo("off");
            assertThat(faultsOfTheSecondRun(connection)).as("page faults of the second run on the primary").isLessThan(200);
        }
    }

    @Test
    void aReplicaConnectionKeepsTheMemoryOfItsLastQuery() throws SQLException {
        PublicReadRouting routing = dataSource.unwrap(PublicReadRouting.class);
        long faults = PublicReadScope.run(() -> {
            try (Connection connection = routing.getConnection()) {
                assertThat(setting(connection, "application_name")).isEqualTo("gongkai-replica");
                return faultsOfTheSecondRun(connection);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(faults).as("page faults of the second run on the replica").isLessThan(200);
    }

    private static long faultsOfTheSecondRun(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(NEEDS_MEGABYTES);
            long before = minorFaults(statement);
            statement.execute(NEEDS_MEGABYTES);
            return minorFaults(statement) - before;
        }
    }

    /** The tenth field of the backend's /proc/self/stat (its process name, the second, holds no space). */
    private static long minorFaults(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("select split_part(pg_read_file('/proc/self/stat'), ' ', 10)::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
