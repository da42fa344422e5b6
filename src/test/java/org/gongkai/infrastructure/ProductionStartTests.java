package org.gongkai.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.gongkai.GongkaiApplication;
import org.gongkai.TestDatabase;
import org.gongkai.support.CreditCode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The first production start, as the README describes it: the prod profile on an empty database migrates the whole
 * schema history in order (out-of-order is off), creates the two initial administrators and no demo data, and serves.
 */
class ProductionStartTests {

    @Test
    void theProdProfileMigratesAnEmptyDatabaseAndServes() throws Exception {
        TestDatabase.Connection empty = TestDatabase.createEmpty("gongkai_prod");
        Map<String, String> properties = Map.of(
                "spring.datasource.url", empty.url(),
                "spring.datasource.username", empty.user(),
                "spring.datasource.password", empty.password(),
                "server.port", "0",
                "gongkai.base-url", "https://gongkai.example.gov.cn",
                "gongkai.initial-admin.sysadmin-password", "Sys-admin-2026!",
                "gongkai.initial-admin.secadmin-password", "Sec-admin-2026!",
                "GONGKAI_CREDIT_CODE", CreditCode.complete("11330100MB0000000").value(),
                "GONGKAI_AUDIT_ANCHOR_KEY", "prod-start-test-audit-anchor-key-0123456789");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GongkaiApplication.class)
                .profiles("prod").run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new))) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select bool_and(success) from flyway_schema_history", Boolean.class)).isTrue();
            assertThat(jdbc.queryForList("select username from staff_user order by username", String.class))
                    .containsExactly("secadmin", "sysadmin");
            assertThat(jdbc.queryForObject("select count(*) from document", Long.class)).as("no demo documents").isZero();
            assertThat(app.getEnvironment().getProperty("spring.flyway.out-of-order", Boolean.class, false)).isFalse();

            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            HttpResponse<String> home = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("信息公开");
        }
    }
}
