package org.gongkai.infrastructure;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
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

    /** zonky's embedded PostgreSQL: on the classpath of spring-boot:run and the tests, not in the production jar. */
    static final String EMBEDDED_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";
    /** The embedded PostgreSQL's role for the application: it owns nothing and may not change the audit trail (V32). */
    static final String EMBEDDED_APPLICATION_ROLE = EmbeddedDatabase.APPLICATION_ROLE;

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
            throw new FailureAnalyzedException("No database configured under the prod profile",
                    "Set GONGKAI_DB_URL, GONGKAI_DB_USER and GONGKAI_DB_PASSWORD");
        }
        if (Files.exists(Path.of("docker-compose.yml")) && dockerEngineAnswers()) {
            log.info("Database: PostgreSQL from docker-compose.yml (Docker engine answered)");
            put(environment, Map.of("spring.docker.compose.enabled", "true"));
            return;
        }
        if (!ClassUtils.isPresent(EMBEDDED_CLASS, DatabaseSelection.class.getClassLoader())) {
            // the production jar leaves zonky's PostgreSQL binaries out (pom.xml, repackage excludes)
            throw new FailureAnalyzedException("No database configured, and this build carries no embedded PostgreSQL",
                    "Set GONGKAI_DB_URL, GONGKAI_DB_USER and GONGKAI_DB_PASSWORD (the embedded database is for ./mvnw spring-boot:run)");
        }
        String directory = environment.getProperty("gongkai.database.embedded-directory", "var/postgres");
        int port = environment.getProperty("gongkai.database.embedded-port", Integer.class, 55432);
        String jdbcUrl = EmbeddedDatabase.start(new File(directory).getAbsoluteFile(), port);
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
}
