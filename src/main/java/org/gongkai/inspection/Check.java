package org.gongkai.inspection;

import java.util.List;

/**
 * One indicator of the self-check: its key, title, whether it is a veto item (单项否决), the rule as applied (with the office's
 * thresholds), the indicator it comes from, the verdict, a one-line summary and the findings.
 */
public record Check(String key, String title, boolean veto, String rule, String source, CheckStatus status, String summary,
                    List<Finding> findings) {

    /** A check that passed with nothing to list. */
    public static Check passed(String key, String title, boolean veto, String rule, String source, String summary) {
        return new Check(key, title, veto, rule, source, CheckStatus.PASS, summary, List.of());
    }
}
