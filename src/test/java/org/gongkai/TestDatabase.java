package org.gongkai;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL per test run, chosen in this order: {@code GONGKAI_TEST_DB_URL} (CI sets it to a fresh database
 * on the machine's PostgreSQL); Testcontainers when a Docker engine answers; otherwise an embedded PostgreSQL (zonky).
 */
public final class TestDatabase {

    public record Connection(String url, String user, String password, String kind) {
    }

    private static Connection connection;

    private TestDatabase() {
    }

    public static synchronized Connection get() {
        if (connection != null) {
            return connection;
        }
        String url = System.getenv("GONGKAI_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            connection = new Connection(url, env("GONGKAI_TEST_DB_USER", "postgres"), env("GONGKAI_TEST_DB_PASSWORD", ""), "external");
        } else if (dockerAvailable()) {
            // the Debian image: its backends allocate with glibc's malloc, as production's do (PooledConnectionMemoryTests)
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16")
                    .withEnv("POSTGRES_INITDB_ARGS", "--encoding=UTF8 --locale=C.UTF-8");
            container.start();
            connection = new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword(), "testcontainers");
        } else {
            try {
                EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        embedded.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
                connection = new Connection(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "", "zonky");
            } catch (IOException e) {
                throw new IllegalStateException("could not start an embedded PostgreSQL for the tests", e);
            }
        }
        System.out.println("Test database: " + connection.kind());
        return connection;
    }

    /**
     * A new, empty UTF-8 database on the same server, for tests that start their own application (a production start,
     * a second node); it is dropped when the JVM exits.
     */
    public static Connection createEmpty(String prefix) {
        Connection server = get();
        String name = prefix + "_" + Long.toString(System.nanoTime(), 36);
        execute(server, "create database " + name + " encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute(server, "drop database if exists " + name + " with (force)");
            } catch (RuntimeException ignored) {
                // the server may already be gone with the JVM
            }
        }));
        String url = server.url().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        return new Connection(url, server.user(), server.password(), server.kind());
    }

    private static void execute(Connection c, String sql) {
        try (java.sql.Connection jdbc = java.sql.DriverManager.getConnection(c.url(), c.user(), c.password());
             java.sql.Statement statement = jdbc.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
