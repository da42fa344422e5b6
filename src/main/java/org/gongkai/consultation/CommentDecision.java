package org.gongkai.consultation;

/** What the department made of a comment; every decision but adoption carries a reason. */
public enum CommentDecision {
    /** 采纳. */
    ADOPTED,
    /** 部分采纳. */
    PARTLY,
    /** 未采纳. */
    NOT_ADOPTED
}
