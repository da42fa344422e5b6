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
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine")
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
