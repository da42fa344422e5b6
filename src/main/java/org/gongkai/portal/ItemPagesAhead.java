package org.gongkai.portal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.http.HttpServletRequest;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.gongkai.publication.ItemPagesChanged;
import org.gongkai.publication.StoredItemPages;
import org.gongkai.publication.StoredItemPages.PageState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Item pages rendered ahead of their readers, as GOV.UK's content store makes a page when what it shows changes rather
 * than when it is read: no reader waits for an item page's template, not even the first after a change.
 * <ul>
 *   <li>After a change of what item pages show has committed ({@link ItemPagesChanged}: a publication, withdrawal, a
 *   linked document's change, a published answer), the node where it committed asks itself for each page over the
 *   loopback interface, as an anonymous reader without cookies would. The page cache renders it and {@link PageStore}
 *   keeps it for every node.</li>
 *   <li>A sweep, on one node at a time (ShedLock), renders whatever no event covered, newest change first: every page
 *   after a new build (its template key differs from the stored copies'), a page whose write was dropped or lost, and
 *   everything after the store was turned on. Each node makes a full pass after its start and then hourly.</li>
 * </ul>
 * Each of the two renderers (changes, sweep) takes at most {@code cpu-share} of one core: after each page it pauses as long
 * as the share leaves (half a core by default: a page that took 4 ms is followed by 4 ms of rest). A request carries this node's
 * secret token in {@value #HEADER}, so that the page cache renders it even when it holds a copy and does not keep it in
 * memory (a sweep would push out the pages readers ask for); a request without the token is an ordinary one.
 */
@Component
public class ItemPagesAhead implements DisposableBean {

    static final String HEADER = "X-Gongkai-Render-Ahead";
    private static final Logger log = LoggerFactory.getLogger(ItemPagesAhead.class);
    private static final int CHUNK = 500;
    /** A full pass that finds nothing to render is made again after this long (for a write that was dropped or lost). */
    private static final Duration FULL_PASS_EVERY = Duration.ofHours(1);

    private final PageStore pageStore;
    private final StoredItemPages pages;
    private final Environment environment;
    private final String contextPath;
    private final double cpuShare;
    private final Duration sweepBudget;
    /** This node's secret, as the header carries it (hex). */
    private final byte[] token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Pages changed and not yet rendered, each once; bounded: what does not fit is left to the next sweep. */
    private final BlockingQueue<String> changed = new LinkedBlockingQueue<>(10_000);
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private volatile boolean enabled;
    private Thread worker;
    /** When this node's last sweep reached the end ({@link System#nanoTime()}), and where an unfinished one stopped. */
    private volatile long lastFullPass = System.nanoTime() - FULL_PASS_EVERY.toNanos();
    private volatile PageState resumeAfter;

    /** Pages asked for after a change and by the sweep, and those not rendered (the node not ready, a timeout). */
    private final LongAdder afterChange = new LongAdder();
    private final LongAdder bySweep = new LongAdder();
    private final LongAdder failed = new LongAdder();

    ItemPagesAhead(PageStore pageStore, StoredItemPages pages, Environment environment,
                   org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters,
                   @Value("${gongkai.item-pages.stored:true}") boolean stored,
                   @Value("${gongkai.page-cache.enabled:true}") boolean pageCache,
                   @Value("${gongkai.item-pages.ahead.enabled:true}") boolean enabled,
                   @Value("${gongkai.item-pages.ahead.cpu-share:0.5}") double cpuShare,
                   @Value("${gongkai.item-pages.ahead.sweep-budget:PT9M}") Duration sweepBudget,
                   @Value("${server.servlet.context-path:}") String contextPath) {
        if (!(cpuShare > 0 && cpuShare <= 1)) {
            throw new IllegalArgumentException("gongkai.item-pages.ahead.cpu-share must be above 0 and at most 1");
        }
        this.pageStore = pageStore;
        this.pages = pages;
        this.environment = environment;
        // the page cache's filter is what stores a rendered page
        this.enabled = stored && pageCache && enabled;
        this.cpuShare = cpuShare;
        this.sweepBudget = sweepBudget;
        this.contextPath = contextPath;
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII);
        meters.ifAvailable(registry -> {
            PageStore.count(registry, "gongkai.item.pages.ahead", "trigger", "change", afterChange);
            PageStore.count(registry, "gongkai.item.pages.ahead", "trigger", "sweep", bySweep);
            PageStore.count(registry, "gongkai.item.pages.ahead", "trigger", "failed", failed);
            io.micrometer.core.instrument.Gauge.builder("gongkai.item.pages.ahead.queued", changed, java.util.Collection::size)
                    .description("changed item pages waiting to be rendered ahead (ItemPagesAhead)").register(registry);
        });
    }

    /** Whether the request is this node's own rendering ahead. */
    boolean isAhead(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        return header != null && MessageDigest.isEqual(token, header.getBytes(StandardCharsets.US_ASCII));
    }

    /** After the change has committed: the pages are rendered in turn by this node's renderer. */
    @EventListener
    void on(ItemPagesChanged change) {
        if (!enabled) {
            return;
        }
        for (String documentId : change.documentIds()) {
            if (queued.add(documentId) && !changed.offer(documentId)) {
                queued.remove(documentId);
            }
        }
        startWorker();
    }

    private synchronized void startWorker() {
        if (worker == null) {
            worker = new Thread(this::renderChanged, "item-pages-ahead");
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void renderChanged() {
        while (!Thread.currentThread().isInterrupted()) {
            String documentId;
            try {
                documentId = changed.take();
            } catch (InterruptedException e) {
                return;
            }
            queued.remove(documentId);
            if (enabled) {
                render(documentId, afterChange);
            }
        }
    }

    /**
     * Every minute on one node (ShedLock): unless this node's last full pass found every page stored within the hour, the
     * pages this build has not stored, newest change first, for at most {@code sweep-budget}; a run that ran out of time is
     * taken up where it stopped by the next (on this node; another node starts from the newest).
     */
    @Scheduled(initialDelayString = "${gongkai.item-pages.ahead.sweep-initial-delay:PT1M}",
            fixedDelayString = "${gongkai.item-pages.ahead.sweep-interval:PT1M}")
    @SchedulerLock(name = "item-pages-ahead", lockAtMostFor = "PT10M")
    public void sweepOnSchedule() {
        if (!enabled || System.nanoTime() - lastFullPass < FULL_PASS_EVERY.toNanos()) {
            return;
        }
        long began = System.nanoTime();
        Sweep sweep = sweep(resumeAfter, sweepBudget, Integer.MAX_VALUE);
        resumeAfter = sweep.stoppedAfter();
        if (resumeAfter == null) {
            lastFullPass = System.nanoTime();
        }
        if (sweep.rendered() > 0) {
            log.info("rendered {} item pages ahead of their readers in {} s{}", sweep.rendered(),
                    (System.nanoTime() - began) / 1_000_000_000, resumeAfter == null ? "" : "; more to do");
        }
    }

    /** What a sweep did: pages asked for, and the last document it looked at when it stopped before the end (else null). */
    record Sweep(int rendered, PageState stoppedAfter) {
    }

    /**
     * Renders the shown documents' pages that this build has not stored, newest change first from after {@code from} (null:
     * the newest), until none is left, the budget is spent or {@code maxPages} were rendered.
     */
    Sweep sweep(PageState from, Duration budget, int maxPages) {
        long deadline = System.nanoTime() + budget.toNanos();
        int rendered = 0;
        PageState after = from;
        while (true) {
            List<PageState> states = pages.newest(after, CHUNK, pageStore.templateKey());
            for (PageState state : states) {
                if (rendered >= maxPages || System.nanoTime() >= deadline || Thread.currentThread().isInterrupted()
                        || !enabled) {
                    return new Sweep(rendered, after);
                }
                after = state;
                if (!state.current()) {
                    render(state.documentId(), bySweep);
                    rendered++;
                }
            }
            if (states.size() < CHUNK) {
                return new Sweep(rendered, null);
            }
        }
    }

    /** Asks this node for the page as a reader taking gzip would; false when it was not rendered (the node is not ready). */
    boolean render(String documentId, LongAdder trigger) {
        String base = base();
        if (base == null) {
            failed.increment();
            return false;
        }
        long began = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/items/" + documentId))
                    .timeout(Duration.ofSeconds(30)).header(HEADER, new String(token, StandardCharsets.US_ASCII))
                    .header("Accept-Encoding", "gzip").GET().build();
            boolean rendered = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            (rendered ? trigger : failed).increment();
            return rendered;
        } catch (IOException e) {
            log.debug("item page {} not rendered ahead: {}", documentId, e.toString());
            failed.increment();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            rest(System.nanoTime() - began);
        }
    }

    /** The node's own address, or null before its server has started. */
    private String base() {
        String port = environment.getProperty("local.server.port");
        if (port == null || "0".equals(port) || "-1".equals(port)) {
            return null;
        }
        String address = environment.getProperty("server.address");
        String host = address == null || address.isBlank() || "0.0.0.0".equals(address) || "::".equals(address)
                ? "127.0.0.1" : address.contains(":") ? "[" + address + "]" : address;
        return "http://" + host + ":" + port + contextPath;
    }

    private void rest(long busyNanos) {
        long restNanos = (long) (busyNanos * (1 - cpuShare) / cpuShare);
        if (restNanos > 0) {
            try {
                Thread.sleep(restNanos / 1_000_000, (int) (restNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized void destroy() throws InterruptedException {
        if (worker != null) {
            worker.interrupt();
            worker.join(5000);
        }
    }
}
