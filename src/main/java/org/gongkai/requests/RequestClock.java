package org.gongkai.requests;

import java.time.LocalDate;

/**
 * The statutory clock as read on {@code today}: the reply due date (条例第33条) or, while a correction is awaited, the
 * correction deadline (条例第30条); working days left (negative when overdue). {@code provisional} when the count passes through a
 * year whose holiday arrangement is not imported yet (the console says so; the applicant sees only the date).
 */
public record RequestClock(LocalDate today, LocalDate dueOn, LocalDate correctionDueOn, int daysLeft, boolean running,
                           boolean stopped, boolean provisional) {

    /** Open and due within three working days (not yet overdue). */
    public boolean dueSoon() {
        return running && !overdue() && daysLeft <= 3;
    }

    public boolean overdue() {
        LocalDate deadline = dueOn != null ? dueOn : correctionDueOn;
        return running && deadline != null && today.isAfter(deadline);
    }

    /** Working days overdue, at least 1 once overdue. */
    public int daysOverdue() {
        return Math.max(1, -daysLeft);
    }
}
