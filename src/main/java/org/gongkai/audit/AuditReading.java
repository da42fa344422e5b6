package org.gongkai.audit;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The auditor's view of the trail: browse, verify the chain, export. Nobody else may read it. */
@Service
@PreAuthorize("hasRole('AUDITOR')")
public class AuditReading {

    static final int EXPORT_LIMIT = 100_000;

    private final AuditTrail trail;
    private final AuditAnchors anchors;

    AuditReading(AuditTrail trail, AuditAnchors anchors) {
        this.trail = trail;
        this.anchors = anchors;
    }

    /** The newest anchor of the chain, for the auditor to compare with the anchor lines in the log. */
    @Transactional(readOnly = true)
    public java.util.Optional<AuditAnchor> lastAnchor() {
        return anchors.last();
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> find(AuditFilter filter, int limit, int offset) {
        return trail.find(filter, limit, offset);
    }

    @Transactional(readOnly = true)
    public ChainVerification verify() {
        return trail.verify();
    }

    /** The export is itself recorded, in the same transaction. */
    @Transactional
    public List<AuditEvent> exportAndRecord(AuditFilter filter) {
        List<AuditEvent> events = trail.find(filter, EXPORT_LIMIT, 0);
        trail.record("audit.exported", "audit", "", events.size() + " 条");
        return events;
    }
}
