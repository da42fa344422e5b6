package org.gongkai.consultation;

/** Where a consultation stands, derived when read from its window, the clock and whether its feedback is public. */
public enum ConsultationPhase {
    /** Published, but the window has not opened yet. */
    UPCOMING,
    /** 征集中: comments are accepted. */
    OPEN,
    /** 已结束: the window has closed and no feedback is public yet. */
    CLOSED,
    /** 已反馈: the 意见采纳情况反馈 is published. */
    ANSWERED
}
