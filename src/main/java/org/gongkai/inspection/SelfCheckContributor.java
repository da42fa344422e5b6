package org.gongkai.inspection;

import java.time.LocalDate;
import java.util.List;

/**
 * The extension point of the self-check: a module that knows about one indicator (政民互动 questions, 意见征集 consultations, …)
 * declares a Spring bean implementing this interface and its checks appear on the 网站自查 page and in the inspection report.
 * A contributed check whose key equals a built-in one ({@code interaction}, {@code consultationFeedback}) is merged into it: its
 * findings are added and the worse verdict wins. Checks read only what is public or counts; they must not change anything.
 */
public interface SelfCheckContributor {

    /** The checks as of {@code today}, with the office's {@code thresholds}. */
    List<Check> checks(LocalDate today, Thresholds.Values thresholds);
}
