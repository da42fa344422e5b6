package org.gongkai.workflow;

import java.time.Instant;

/** One immutable confidentiality-review record, as printed on the 保密审查单. */
public record ReviewRecord(long id, long editionId, int round, boolean retrospective, long reviewerId, String reviewerName,
                           Instant reviewedAt, Checklist checklist, String opinion, int personalDataHits,
                           String personalDataNote, String decision) {
}
