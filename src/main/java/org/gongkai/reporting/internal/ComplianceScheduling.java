package org.gongkai.reporting.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.gongkai.reporting.ComplianceReminders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every morning, once across all instances, the clerks hear of periodic items due soon or missing. */
@Component
class ComplianceScheduling {

    private static final Logger log = LoggerFactory.getLogger(ComplianceScheduling.class);

    private final ComplianceReminders reminders;

    ComplianceScheduling(ComplianceReminders reminders) {
        this.reminders = reminders;
    }

    @Scheduled(cron = "0 40 7 * * *", zone = "${gongkai.time-zone}")
    @SchedulerLock(name = "compliance-reminders", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
    public void run() {
        log.info("compliance reminders sent: {}", reminders.remind());
    }
}
