package org.gongkai.inspection;

import java.time.Duration;

import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import org.gongkai.inspection.internal.LinkCrawler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Runs the link crawl on the office's request, under the same cluster lock as the nightly crawl, so two never overlap. */
@Service
public class InspectionRuns {

    /** The ShedLock name of the crawl, shared with the nightly schedule. */
    public static final String CRAWL_LOCK = "link-crawl";

    private final LinkCrawler crawler;
    private final DefaultLockingTaskExecutor locks;

    InspectionRuns(LinkCrawler crawler, LockProvider lockProvider) {
        this.crawler = crawler;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
    }

    /** Crawls now; false when a crawl is already running somewhere. */
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'SYSADMIN')")
    public boolean crawlNow() {
        return crawl();
    }

    /** Crawls now, without a signed-in user (the schedule, tests). */
    public boolean crawl() {
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
