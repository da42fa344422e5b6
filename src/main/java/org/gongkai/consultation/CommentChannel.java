package org.gongkai.consultation;

/** How a comment reached the department. */
public enum CommentChannel {
    /** The form on the consultation's public page. */
    WEB,
    /** 信函. */
    LETTER,
    /** 电子邮件. */
    EMAIL,
    /** 座谈会、听证会等. */
    MEETING
}
