package org.gongkai.inspection;

import java.time.Duration;

import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import org.gongkai.inspection.internal.LinkCrawler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Runs the link crawl on the office's request, in the background and under the same cluster lock as the nightly crawl, so two
 * never overlap and the page does not wait for it.
 */
@Service
public class InspectionRuns {

    /** The ShedLock name of the crawl, shared with the nightly schedule. */
    public static final String CRAWL_LOCK = "link-crawl";

    private final LinkCrawler crawler;
    private final DefaultLockingTaskExecutor locks;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "link-crawl");
        thread.setDaemon(true);
        return thread;
    });

    InspectionRuns(LinkCrawler crawler, org.springframework.beans.factory.ObjectProvider<LockProvider> lockProvider) {
        this.crawler = crawler;
        // without scheduling (gongkai.scheduling.enabled=false) there is no cluster lock: the crawl runs unlocked
        LockProvider provider = lockProvider.getIfAvailable();
        this.locks = provider == null ? null : new DefaultLockingTaskExecutor(provider);
    }

    /** Starts a crawl in the background; false when this node is already crawling on request. */
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'SYSADMIN')")
    public boolean crawlNow() {
        if (!started.compareAndSet(false, true)) {
            return false;
        }
        background.execute(() -> {
            try {
                crawl();
            } finally {
                started.set(false);
            }
        });
        return true;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        background.shutdownNow();
    }

    /** Crawls now, without a signed-in user (the schedule, tests). */
    public boolean crawl() {
        if (locks == null) {
            crawler.crawl();
            return true;
        }
        try {
            return locks.executeWithLock(() -> crawler.crawl(),
                    new LockConfiguration(ClockProvider.now(), CRAWL_LOCK, Duration.ofHours(6), Duration.ZERO)).wasExecuted();
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("link crawl failed", e);
        }
    }
}
