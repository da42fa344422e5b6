package org.gongkai.inspection;

/** The verdict of a check or of one finding, as inspection reports word it. */
public enum CheckStatus {
    /** 合格. */
    PASS,
    /** 风险: something to fix, below the threshold that fails the site. */
    RISK,
    /** 不合格. */
    FAIL,
    /** 不适用: nothing the software can judge (e.g. the module that would feed it is not installed). */
    NOT_APPLICABLE;

    public String messageKey() {
        return "inspection.status." + name();
    }

    public String cssClass() {
        return "check-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The worse of two verdicts. */
    public CheckStatus worst(CheckStatus other) {
        if (this == NOT_APPLICABLE) {
            return other;
        }
        if (other == NOT_APPLICABLE) {
            return this;
        }
        return ordinal() >= other.ordinal() ? this : other;
    }
}
