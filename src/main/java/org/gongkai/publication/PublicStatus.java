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
    UNPUBLISHED
}
