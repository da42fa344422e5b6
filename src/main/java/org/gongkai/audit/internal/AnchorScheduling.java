package org.gongkai.audit.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.gongkai.audit.AuditAnchors;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Anchors the audit chain's head every few minutes (default 5), on one node at a time (ShedLock). */
@Component
class AnchorScheduling {

    private final AuditAnchors anchors;

    AnchorScheduling(AuditAnchors anchors) {
        this.anchors = anchors;
    }

    @Scheduled(fixedDelayString = "${gongkai.audit.anchor-interval:PT5M}", initialDelayString = "PT30S")
    @SchedulerLock(name = "audit-anchor", lockAtMostFor = "PT2M", lockAtLeastFor = "PT10S")
    void anchor() {
        anchors.anchor();
    }
}
