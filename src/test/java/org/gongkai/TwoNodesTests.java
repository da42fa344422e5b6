package org.gongkai;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.gongkai.content.ContentManagement;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.PublicChanges;
import org.gongkai.support.TestAccounts;
import org.gongkai.workflow.Checklist;
import org.gongkai.workflow.EditionWorkflow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Two nodes on one database, as production runs them behind nginx (two application contexts on random ports in this JVM,
 * each with its own page cache, pool and scheduler): a session made on one works on the other; an unpublishing and a
 * publication through one are visible on the other within a second; a scheduled publication happens exactly once; the
 * daily jobs run once; the operator's endpoints refuse an address that is not allowed.
 */
class TwoNodesTests {

    static final String OPERATOR_TOKEN = "operator-" + UUID.randomUUID();

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static JdbcTemplate jdbc;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        TestDatabase.Connection db = TestDatabase.createEmpty("gongkai_nodes");
        Map<String, String> properties = Map.ofEntries(
                Map.entry("spring.datasource.url", db.url()),
                Map.entry("spring.datasource.username", db.user()),
                Map.entry("spring.datasource.password", db.password()),
                Map.entry("server.port", "0"),
                // small pools: the suite's other contexts and other databases share the server's max_connections
                Map.entry("spring.datasource.hikari.maximum-pool-size", "4"),
                Map.entry("gongkai.database.auto-select", "false"),
                Map.entry("gongkai.scheduling.publication-delay", "PT1S"),
                Map.entry("gongkai.scheduling.publication-initial-delay", "PT1S"),
                // loopback is not allowed here, so a local request shows the refusal; the token still lets the operator in
                Map.entry("gongkai.metrics.allowed-addresses", "192.0.2.1/32"),
                Map.entry("gongkai.metrics.token", OPERATOR_TOKEN));
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        // one after the other: the first migrates and seeds the demo data, the second finds it there; while the first
        // starts, its pages must answer 503 until its readiness is UP (nginx then asks the other node)
        int portA = freePort();
        ExecutorService starter = Executors.newSingleThreadExecutor();
        try {
            Future<ConfigurableApplicationContext> starting = starter.submit(() -> new SpringApplicationBuilder(GongkaiApplication.class)
                    .profiles("demo").run(with(args, "--server.port=0", "--server.port=" + portA)));
            while (!starting.isDone()) {
                watchReadiness(portA);
                Thread.sleep(100);
            }
            a = starting.get();
        } finally {
            starter.shutdown();
        }
        b = new SpringApplicationBuilder(GongkaiApplication.class).profiles("demo").run(args);
        System.out.println("Two nodes: while node A started, " + refusedBeforeReady + " page requests got 503");
        jdbc = a.getBean(JdbcTemplate.class);
        // both listen for NOTIFY (a PostgreSQL that has no client slot left delays that; the version row would still serve)
        long start = System.nanoTime();
        while (!(a.getBean(PublicChanges.class).isListening() && b.getBean(PublicChanges.class).isListening())
                && System.nanoTime() - start < 30_000_000_000L) {
            Thread.sleep(50);
        }
    }

    static int refusedBeforeReady;

    /** A page asked between two readiness probes that both said "not ready" must have been refused with 503. */
    static void watchReadiness(int port) throws Exception {
        try {
            int before = status(port, "/actuator/health/readiness");
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            int after = status(port, "/actuator/health/readiness");
            if (before == 503 && after == 503) {
                assertThat(page.statusCode()).as("a page of a node that is not ready").isEqualTo(503);
                assertThat(page.headers().firstValue("Retry-After")).isPresent();
                assertThat(page.body()).contains("网站正在启动");
                refusedBeforeReady++;
            }
        } catch (java.net.ConnectException notListeningYet) {
            // Tomcat has not opened its port yet
        }
    }

    static int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The arguments with one replaced. */
    static String[] with(String[] args, String old, String replacement) {
        return java.util.Arrays.stream(args).map(arg -> arg.equals(old) ? replacement : arg).toArray(String[]::new);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    static String url(ConfigurableApplicationContext node, String path) {
        return "http://localhost:" + node.getEnvironment().getProperty("local.server.port") + path;
    }

    static HttpResponse<String> get(ConfigurableApplicationContext node, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(node, path)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Asks the node every 20 ms until the answer fits; returns how many milliseconds after the start the request that first
     * got such an answer was sent (the time a visitor would have to wait for it, whatever the machine's load adds to the
     * request itself), or fails when no request sent within the limit got it.
     */
    static long millisUntil(ConfigurableApplicationContext node, String path, Predicate<HttpResponse<String>> fits, long limitMillis)
            throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> last;
        long sentAfter;
        do {
            sentAfter = (System.nanoTime() - start) / 1_000_000;
            last = get(node, path);
            if (fits.test(last)) {
                return sentAfter;
            }
            Thread.sleep(20);
        } while ((System.nanoTime() - start) / 1_000_000 <= limitMillis);
        throw new AssertionError(path + " still answers " + last.statusCode() + " to a request sent " + sentAfter + " ms after");
    }

    static void cached(ConfigurableApplicationContext node, String path) throws Exception {
        settle();
        get(node, path);
        assertThat(get(node, path).headers().firstValue("X-Page-Cache")).as("%s cached", path).hasValue("hit");
    }

    /** Waits until both nodes have heard of every public change so far, so that no late eviction empties a page just warmed. */
    static void settle() throws InterruptedException {
        long version = jdbc.queryForObject("select version from public_change where id = 1", Long.class);
        long start = System.nanoTime();
        while (Math.min(a.getBean(PublicChanges.class).seenVersion(), b.getBean(PublicChanges.class).seenVersion()) < version
                && System.nanoTime() - start < 5_000_000_000L) {
            Thread.sleep(10);
        }
    }

    static <T> T as(ConfigurableApplicationContext node, String username, java.util.function.Function<StaffPrincipal, T> action) {
        StaffPrincipal me = node.getBean(IdentityManagement.class).principal(username).orElseThrow();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(me, null, me.getAuthorities()));
        try {
            return action.apply(me);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Drafts, submits and passes (and approves, where the column needs it) an item on node A; returns the edition id. */
    static long throughWorkflow(String title, Instant publishAt) {
        long nodeId = jdbc.queryForObject("select id from catalogue_node where code = 'zcwj-gfxwj'", Long.class);
        long edition = as(a, "clerk", me -> a.getBean(ContentManagement.class).createDraft(new ContentManagement.DraftInput(
                title, "示卫规字〔2026〕7号", LocalDate.of(2026, 3, 2), "", "", nodeId, "卫生健康", "规范性文件", "", "主动公开",
                "<p>两个节点的测试。</p>", "", false, false), me).editionId());
        EditionWorkflow workflow = a.getBean(EditionWorkflow.class);
        as(a, "clerk", me -> {
            workflow.submit(edition, me);
            return null;
        });
        as(a, "reviewer", me -> {
            workflow.passReview(edition, new Checklist(true, true, true, true, true, true), "同意公开", null, false, publishAt, me);
            return null;
        });
        if ("REVIEWED".equals(state(edition))) {
            as(a, "approver", me -> {
                workflow.approve(edition, "同意发布", publishAt, me);
                return null;
            });
        }
        return edition;
    }

    static String state(long edition) {
        return jdbc.queryForObject("select state from edition where id = ?", String.class, edition);
    }

    static String publicId(long edition) {
        return jdbc.queryForObject("select d.public_id from document d join edition e on e.document_id = d.id where e.id = ?",
                String.class, edition);
    }

    @Test
    void aSessionMadeOnOneNodeWorksOnTheOther() throws Exception {
        HttpResponse<String> loginPage = get(a, "/login");
        String cookie = sessionCookie(loginPage);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).isTrue();
        String form = "username=clerk&password=" + URLEncoder.encode(TestAccounts.PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(url(a, "/login")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/admin"));
        String signedIn = login.headers().allValues("Set-Cookie").isEmpty() ? cookie : sessionCookie(login);

        HttpResponse<String> console = get(b, "/admin", "Cookie", signedIn);
        assertThat(console.statusCode()).as("node B knows the session made on node A").isEqualTo(200);
        assertThat(console.body()).contains("李明");
        assertThat(get(b, "/admin").statusCode()).as("without the cookie").isEqualTo(302);
    }

    static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .map(c -> c.substring(0, c.indexOf(';'))).reduce((first, second) -> second).orElseThrow();
    }

    @Test
    void anUnpublishingOnOneNodeAnswers410OnTheOtherWithinASecond() throws Exception {
        long edition = throughWorkflow("关于撤下后两个节点都不再提供的通知" + UUID.randomUUID().toString().substring(0, 6), null);
        String path = "/items/" + publicId(edition);
        cached(b, path);
        cached(a, path);
        as(a, "approver", me -> {
            a.getBean(EditionWorkflow.class).unpublish(edition, "含有个人信息，立即撤下", me);
            return null;
        });
        long millis = millisUntil(b, path, r -> r.statusCode() == 410, 1000);
        assertThat(get(a, path).statusCode()).isEqualTo(410);
        System.out.println("Two nodes: unpublishing on A answered 410 on B to a request sent " + millis + " ms after the commit");
    }

    @Test
    void anItemPageRenderedOnOneNodeIsServedByTheOtherFromTheStoreWithoutRenderingIt() throws Exception {
        long edition = throughWorkflow("关于一个节点生成页面、两个节点提供的通知" + UUID.randomUUID().toString().substring(0, 6), null);
        String id = publicId(edition);
        settle();
        HttpResponse<String> rendered = get(a, "/items/" + id);
        assertThat(rendered.headers().firstValue("X-Page-Cache")).as("rendered on A").isEmpty();
        org.gongkai.portal.StoredItemPagesTests.awaitStored(jdbc, id);
        HttpResponse<String> fromStore = get(b, "/items/" + id);
        assertThat(fromStore.headers().firstValue("X-Page-Cache")).as("B read the page A stored").hasValue("stored");
        assertThat(fromStore.body()).isEqualTo(rendered.body());
        assertThat(fromStore.headers().firstValue("ETag")).isEqualTo(rendered.headers().firstValue("ETag"));
    }

    @Test
    void aCataloguePageRenderedOnOneNodeIsServedByTheOtherFromTheStoreUntilTheNextPublication() throws Exception {
        throughWorkflow("关于一个节点生成目录页、两个节点提供的通知" + UUID.randomUUID().toString().substring(0, 6), null);
        settle();
        String address = "/catalogue/zcwj-gfxwj?page=1";
        HttpResponse<String> rendered = get(a, address);
        assertThat(rendered.headers().firstValue("X-Page-Cache")).as("rendered on A").isEmpty();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jdbc.queryForObject("select count(*) from stored_listing_page p, public_change c where p.address = ? and c.id = 1"
                + " and p.public_version = c.version", Integer.class, address) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        HttpResponse<String> fromStore = get(b, address);
        assertThat(fromStore.headers().firstValue("X-Page-Cache")).as("B read the page A stored").hasValue("stored");
        assertThat(fromStore.body()).isEqualTo(rendered.body());

        String title = "关于目录页在下一次发布后重新生成的通知" + UUID.randomUUID().toString().substring(0, 6);
        throughWorkflow(title, null);
        millisUntil(b, address, r -> r.body().contains(title), 1000);
    }

    @Test
    void aPublicationOnOneNodeIsListedOnTheOtherWithinASecond() throws Exception {
        String title = "关于两个节点同时提供服务的通知" + UUID.randomUUID().toString().substring(0, 6);
        cached(b, "/catalogue/zcwj-gfxwj");
        cached(b, "/");
        long edition = throughWorkflow(title, null);
        assertThat(state(edition)).isEqualTo("PUBLISHED");
        long millis = millisUntil(b, "/catalogue/zcwj-gfxwj", r -> r.body().contains(title), 1000);
        assertThat(get(b, "/items/" + publicId(edition)).body()).contains(title);
        System.out.println("Two nodes: publication on A listed on B to a request sent " + millis + " ms after the commit");
    }

    @Test
    void aScheduledPublicationHappensExactlyOnce() throws Exception {
        String title = "关于定时发布只发生一次的通知" + UUID.randomUUID().toString().substring(0, 6);
        cached(b, "/catalogue/zcwj-gfxwj");
        long edition = throughWorkflow(title, Instant.now().plusSeconds(2));
        assertThat(state(edition)).isEqualTo("SCHEDULED");
        long start = System.nanoTime();
        while (!"PUBLISHED".equals(state(edition)) && System.nanoTime() - start < 20_000_000_000L) {
            Thread.sleep(100);
        }
        assertThat(state(edition)).isEqualTo("PUBLISHED");
        millisUntil(b, "/catalogue/zcwj-gfxwj", r -> r.body().contains(title), 1000);
        millisUntil(a, "/catalogue/zcwj-gfxwj", r -> r.body().contains(title), 1000);
        Thread.sleep(2500); // both schedulers have run again since
        String publicId = publicId(edition);
        assertThat(jdbc.queryForObject("select count(*) from publication_snapshot where document_id = ?", Long.class, publicId))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                select count(*) from audit_event where action = 'edition.publishedOnSchedule' and object_id = ?""",
                Long.class, "" + edition)).isEqualTo(1);
        assertThat(jobCount("scheduled-publication", "ran")).as("runs of the publication job").isPositive();
        assertThat(jobCount("scheduled-publication", "skipped")).as("turns where the other node held the lock").isPositive();
    }

    @Test
    void theDailyJobsRunOnceWhenBothNodesStartThemAtOnce() throws Exception {
        List<Runnable> jobs = new ArrayList<>();
        for (ConfigurableApplicationContext node : List.of(a, b)) {
            for (ScheduledTaskHolder holder : node.getBeansOfType(ScheduledTaskHolder.class).values()) {
                for (ScheduledTask task : holder.getScheduledTasks()) {
                    String name = task.toString();
                    if (name.contains("ComplianceScheduling") || name.contains("RequestScheduling")) {
                        jobs.add(task.getTask().getRunnable());
                    }
                }
            }
        }
        assertThat(jobs).as("the compliance and the request job on each node").hasSize(4);
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> runs = new ArrayList<>();
            for (Runnable job : jobs) {
                runs.add(pool.submit(() -> {
                    go.await();
                    job.run();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (String job : List.of("compliance-reminders", "requests-deadline-reminders")) {
            assertThat(jobCount(job, "ran")).as("%s ran", job).isEqualTo(1);
            assertThat(jobCount(job, "skipped")).as("%s skipped", job).isEqualTo(1);
        }
    }

    static double jobCount(String job, String outcome) {
        double sum = 0;
        for (ConfigurableApplicationContext node : List.of(a, b)) {
            Counter counter = node.getBean(MeterRegistry.class).find("gongkai.jobs").tags("job", job, "outcome", outcome).counter();
            sum += counter == null ? 0 : counter.count();
        }
        return sum;
    }

    @Test
    void theOperatorsEndpointsRefuseAnAddressThatIsNotAllowed() throws Exception {
        assertThat(get(a, "/actuator/prometheus").statusCode()).isEqualTo(403);
        assertThat(get(a, "/actuator/metrics").statusCode()).isEqualTo(403);
        assertThat(get(a, "/actuator/prometheus", "Authorization", "Bearer wrong").statusCode()).isEqualTo(403);
        HttpResponse<String> metrics = get(a, "/actuator/prometheus", "Authorization", "Bearer " + OPERATOR_TOKEN);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count", "hikaricp_connections_active",
                "cache_gets_total{cache=\"public_pages\"", "gongkai_page_cache_hit_ratio", "gongkai_search_timeouts_total",
                "gongkai_jobs_total");
        // the load balancer's health checks stay open
        assertThat(get(b, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get(b, "/actuator/health/liveness").statusCode()).isEqualTo(200);
    }
}
