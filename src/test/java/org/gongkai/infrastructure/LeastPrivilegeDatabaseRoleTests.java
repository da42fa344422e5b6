package org.gongkai.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.gongkai.GongkaiApplication;
import org.gongkai.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Least-privilege database roles (issue #15, point 8): on a fresh database owned by an owner role, Flyway migrates as the owner
 * and the application (demo data included) runs as a role that owns nothing; that role can append audit events but can neither
 * switch the append-only trigger off nor change, delete or truncate an audit event or anchor.
 */
class LeastPrivilegeDatabaseRoleTests {

    @Test
    void theApplicationsRoleCannotDisableTheTriggerOrDeleteAnAuditRow() throws Exception {
        TestDatabase.Connection server = TestDatabase.get();
        TestDatabase.Connection empty = TestDatabase.createEmpty("gongkai_roles");
        String database = empty.url().replaceFirst("^jdbc:postgresql://[^/]+/([^?]*).*$", "$1");
        String suffix = Long.toString(System.nanoTime(), 36);
        String owner = "gk_owner_" + suffix;
        String app = "gk_app_" + suffix;
        execute(server, "create role " + owner + " login password 'Owner-2026-pass'");
        execute(server, "create role " + app + " login password 'App-2026-pass'");
        execute(server, "alter database " + database + " owner to " + owner);
        try {
            Map<String, String> properties = Map.of(
                    "spring.datasource.url", empty.url(),
                    "spring.datasource.username", app,
                    "spring.datasource.password", "App-2026-pass",
                    "GONGKAI_DB_OWNER_USER", owner,
                    "GONGKAI_DB_OWNER_PASSWORD", "Owner-2026-pass",
                    "server.port", "0",
                    "gongkai.scheduling.enabled", "false");
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GongkaiApplication.class).profiles("demo")
                    .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))) {
                JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo(app);
                assertThat(jdbc.queryForObject("select tableowner from pg_tables where tablename = 'audit_event'", String.class))
                        .isEqualTo(owner);
                assertThat(jdbc.queryForObject("select count(*) from pg_class where relowner = (select oid from pg_roles where rolname = ?)",
                        Long.class, app)).as("the application's role owns nothing").isZero();
                assertThat(jdbc.queryForObject("select count(*) from audit_event", Long.class)).as("the demo was audited").isPositive();
                assertThat(jdbc.queryForObject("select count(*) from document", Long.class)).as("demo data seeded").isPositive();

                int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
                HttpResponse<String> home = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(home.statusCode()).isEqualTo(200);
            }
            TestDatabase.Connection asApp = new TestDatabase.Connection(empty.url(), app, "App-2026-pass", empty.kind());
            assertThatThrownBy(() -> execute(asApp, "alter table audit_event disable trigger audit_event_no_update"))
                    .hasRootCauseMessage("ERROR: must be owner of table audit_event");
            assertThatThrownBy(() -> execute(asApp, "delete from audit_event where id = (select min(id) from audit_event)"))
                    .rootCause().hasMessageContaining("permission denied for table audit_event");
            assertThatThrownBy(() -> execute(asApp, "update audit_event set summary = 'x'"))
                    .rootCause().hasMessageContaining("permission denied for table audit_event");
            assertThatThrownBy(() -> execute(asApp, "truncate audit_event"))
                    .rootCause().hasMessageContaining("permission denied for table audit_event");
            assertThatThrownBy(() -> execute(asApp, "delete from audit_anchor"))
                    .rootCause().hasMessageContaining("permission denied for table audit_anchor");
            assertThatThrownBy(() -> execute(asApp, "drop table audit_event"))
                    .rootCause().hasMessageContaining("must be owner");
        } finally {
            execute(server, "drop database if exists " + database + " with (force)");
            execute(server, "drop role if exists " + app);
            execute(server, "drop role if exists " + owner);
        }
    }

    private static void execute(TestDatabase.Connection c, String sql) {
        try (Connection jdbc = DriverManager.getConnection(c.url(), c.user(), c.password()); Statement statement = jdbc.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
