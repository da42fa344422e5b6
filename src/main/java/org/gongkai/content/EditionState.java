package org.gongkai.content;

/** The states of an edition. Only the workflow feature moves an edition between them. */
public enum EditionState {
    /** Being written by a clerk of the owning department. */
    DRAFT,
    /** Submitted for confidentiality review (保密审查). */
    SUBMITTED,
    /** Passed confidentiality review; waits for leadership approval where the catalogue node needs it, else for publication. */
    REVIEWED,
    /** Approved by a leader (局领导审定); about to be published. */
    APPROVED,
    /** Approved (or reviewed) and waiting for its publication time. */
    SCHEDULED,
    /** The edition the public sees. */
    PUBLISHED,
    /** Was published; replaced by a newer edition of the same document. */
    SUPERSEDED,
    /** Sent back to the drafter with reasons; editing it makes it a draft again. */
    RETURNED,
    /** 废止/失效: still public, with a banner, date and reason. */
    WITHDRAWN,
    /** Removed from every public view (published in error, secrets or personal data found). */
    UNPUBLISHED,
    /** A draft thrown away. */
    DISCARDED;

    /** States of an edition that is still being worked on: at most one per document. */
    public boolean isOpen() {
        return this == DRAFT || this == SUBMITTED || this == REVIEWED || this == APPROVED || this == SCHEDULED || this == RETURNED;
    }
}
