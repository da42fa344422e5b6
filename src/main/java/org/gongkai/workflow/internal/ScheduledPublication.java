package org.gongkai.workflow.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.gongkai.workflow.EditionWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Publishes scheduled editions at most half a minute late, on one node only (ShedLock), exactly once (row lock + state check). */
@Component
class ScheduledPublication {

    private static final Logger log = LoggerFactory.getLogger(ScheduledPublication.class);

    private final EditionWorkflow workflow;

    ScheduledPublication(EditionWorkflow workflow) {
        this.workflow = workflow;
    }

    @Scheduled(fixedDelayString = "${gongkai.scheduling.publication-delay:PT30S}", initialDelayString = "${gongkai.scheduling.publication-initial-delay:PT20S}")
    @SchedulerLock(name = "scheduled-publication", lockAtMostFor = "PT5M", lockAtLeastFor = "PT5S")
    void publishDue() {
        int published = workflow.publishDue();
        if (published > 0) {
            log.info("Published {} scheduled edition(s)", published);
        }
    }
}
