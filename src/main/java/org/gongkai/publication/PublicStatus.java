package org.gongkai.publication;

/** What the public may know about a document id. */
public enum PublicStatus {
    /** Never published, or unknown: answers the same 404 as an unknown id. */
    NONE,
    /** Published and shown. */
    LIVE,
    /** 废止/失效: still shown, with a banner, date and reason. */
    WITHDRAWN,
    /** Removed from every public view; the page answers 410 with a neutral notice. */
    UNPUBLISHED;

    /**
     * The one rule of what the public sees, as SQL on {@code public_document d}: its current snapshot is live or withdrawn. Every
     * query of the public read model uses this (publication's own SQL; other modules ask publication's API).
     */
    static final String SHOWN = "d.status in ('LIVE', 'WITHDRAWN')";
}
