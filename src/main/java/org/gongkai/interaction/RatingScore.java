package org.gongkai.interaction;

/** The three answers to 「本页信息对您有帮助吗」. */
public enum RatingScore {
    /** 满意. */
    SATISFIED,
    /** 基本满意. */
    PARTLY,
    /** 不满意. */
    UNSATISFIED;

    public String messageKey() {
        return "rating.score." + name();
    }

    public static RatingScore parse(String value) {
        for (RatingScore s : values()) {
            if (value != null && s.name().equals(value.strip())) {
                return s;
            }
        }
        return null;
    }
}
