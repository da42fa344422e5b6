package org.gongkai;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of every test that needs the application: one Spring context (with the demo data) on one real PostgreSQL,
 * shared by all test classes; a real server on a random port for the browser tests and MockMvc for the rest.
 * Tests must not depend on each other's data: create what you need with unique names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gongkai.database.auto-select=false", "spring.thymeleaf.cache=true",
                // tests of stored pages see their first renders; ItemPagesAheadTests turns rendering ahead on for itself
                "gongkai.item-pages.ahead.enabled=false",
                // nor does the scheduled sweep run while that class has it on: it calls the sweep itself
                "gongkai.item-pages.ahead.sweep-initial-delay=P1D"})
@AutoConfigureMockMvc
@ActiveProfiles("demo")
@org.springframework.context.annotation.Import({org.gongkai.support.TestClock.Configuration.class,
        org.gongkai.support.TestMail.Configuration.class, org.gongkai.support.StatementCounter.Configuration.class})
public abstract class AbstractIntegrationTest {

    /** The application's clock: the system clock unless a test fixes it; reset after every test. */
    @Autowired
    protected org.gongkai.support.TestClock testClock;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        testClock.reset();
    }

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected JdbcTemplate jdbc;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Connection c = TestDatabase.get();
        registry.add("spring.datasource.url", c::url);
        registry.add("spring.datasource.username", c::user);
        registry.add("spring.datasource.password", c::password);
        // public pages read through a second, read-only pool on the same database (as from a streaming replica): any write
        // that went that way would fail with "cannot execute … in a read-only transaction" (ReplicaReadsTests)
        registry.add("gongkai.replica.url", () -> replicaUrl(c.url()));
        registry.add("gongkai.replica.pool-size", () -> "4");
    }

    /** The test database as the read-only "replica" of the shared context. */
    public static String replicaUrl(String url) {
        return url + (url.contains("?") ? "&" : "?")
                + "options=-c%20default_transaction_read_only%3Don&ApplicationName=gongkai-replica";
    }

    @Autowired
    protected org.gongkai.identity.IdentityManagement identity;

    /** Acts as the named account with its real principal (department, roles, covered departments). */
    protected org.springframework.test.web.servlet.request.RequestPostProcessor as(String username) {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                identity.principal(username).orElseThrow());
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }
}
