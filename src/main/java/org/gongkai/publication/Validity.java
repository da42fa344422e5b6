package org.gongkai.publication;

/** 有效性 of a published document. */
public enum Validity {
    /** 有效 */
    VALID,
    /** 废止: repealed by a decision */
    REPEALED,
    /** 失效: expired by its own terms */
    EXPIRED
}
