package org.gongkai.infrastructure;

import java.time.Duration;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resubmits the after-commit reactions that did not complete (a listener threw, or the node stopped between commit and
 * delivery): half a minute after start-up and then every minute, those older than {@code gongkai.events.resubmit-after}
 * (default two minutes, so that a reaction still running is left alone). It runs on one node at a time (ShedLock) instead
 * of Modulith's republish-on-restart, which every node would do at once; the listeners are idempotent besides (the notice
 * mail marks what it sent).
 */
@Component
class EventResubmission {

    private final IncompleteEventPublications incomplete;
    private final Duration minAge;

    EventResubmission(IncompleteEventPublications incomplete, @Value("${gongkai.events.resubmit-after:PT2M}") Duration minAge) {
        this.incomplete = incomplete;
        this.minAge = minAge;
    }

    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "${gongkai.events.resubmit-interval:PT1M}")
    @SchedulerLock(name = "event-resubmission", lockAtMostFor = "PT5M", lockAtLeastFor = "PT10S")
    void resubmit() {
        incomplete.resubmitIncompletePublications(ResubmissionOptions.defaults().withMinAge(minAge));
    }
}
