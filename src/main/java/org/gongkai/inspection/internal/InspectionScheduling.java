package org.gongkai.inspection.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.gongkai.inspection.ColumnReminders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Once a day across all instances: the column cadence reminders in the morning, the link crawl at night. */
@Component
class InspectionScheduling {

    private static final Logger log = LoggerFactory.getLogger(InspectionScheduling.class);

    private final ColumnReminders reminders;
    private final LinkCrawler crawler;

    InspectionScheduling(ColumnReminders reminders, LinkCrawler crawler) {
        this.reminders = reminders;
        this.crawler = crawler;
    }

    @Scheduled(cron = "0 45 7 * * *", zone = "${gongkai.time-zone}")
    @SchedulerLock(name = "column-cadence-reminders", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
    public void remind() {
        log.info("column cadence reminders sent: {}", reminders.remind());
    }

    // the lock name is InspectionRuns.CRAWL_LOCK: a crawl the office starts by hand and the nightly one never overlap
    @Scheduled(cron = "0 30 2 * * *", zone = "${gongkai.time-zone}")
    @SchedulerLock(name = "link-crawl", lockAtMostFor = "PT6H", lockAtLeastFor = "PT5M")
    public void crawl() {
        crawler.crawl();
    }
}
