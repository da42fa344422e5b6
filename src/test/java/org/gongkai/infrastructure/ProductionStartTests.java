package org.gongkai.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.gongkai.GongkaiApplication;
import org.gongkai.TestDatabase;
import org.gongkai.support.CreditCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
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
            assertThat(jdbc.queryForObject("select bool_and(password_must_change) from staff_user", Boolean.class))
                    .as("passwords from the environment are changed at the first sign-in").isTrue();
            assertThat(jdbc.queryForObject("select count(*) from staff_second_factor", Long.class))
                    .as("no demo second factors: each administrator enrols at the first sign-in").isZero();
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

    /**
     * Posters, feeds and the sitemap carry the public address: the prod profile refuses to start, before it touches the
     * database, when it is missing, not https, or a loopback address, and says in one line what to set.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "http://gongkai.example.gov.cn", "https://localhost", "https://localhost:8443/",
            "https://127.0.0.1", "https://127.8.0.1:8443", "https://[::1]/", "https://0.0.0.0", "https://app.localhost",
            "gongkai.example.gov.cn", "https://", "https://gongkai.example.gov.cn?x=1"})
    void theProdProfileRefusesToStartWithoutAPublicHttpsAddress(String baseUrl) {
        FailureAnalyzedException refused = catchThrowableOfType(FailureAnalyzedException.class, () ->
                new SpringApplicationBuilder(GongkaiApplication.class).profiles("prod").run(
                        "--gongkai.base-url=" + baseUrl, "--server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/never-reached")
                        .close());
        assertThat(refused).as(baseUrl).isNotNull();
        assertThat(refused.getMessage()).startsWith("Refusing to start: ").contains("GONGKAI_BASE_URL").doesNotContain("\n");
        assertThat(refused.analysis().getAction()).contains("GONGKAI_BASE_URL=https://");
    }

    @Test
    void aPublicHttpsAddressPassesTheCheck() {
        assertThat(PublicAddressCheck.problem("https://gongkai.example.gov.cn")).isEmpty();
        assertThat(PublicAddressCheck.problem("https://www.example.gov.cn/gongkai/")).isEmpty();
        assertThat(PublicAddressCheck.problem("https://10.1.2.3")).as("an intranet portal").isEmpty();
        assertThat(PublicAddressCheck.problem("http://gongkai.example.gov.cn")).get().asString().contains("not an https address");
    }
}
