package org.gongkai.interaction;

/** The topics a citizen chooses from when asking; the public list is grouped by them. */
public enum QuestionTopic {
    /** 医疗服务. */
    MEDICAL,
    /** 疾病预防控制. */
    DISEASE,
    /** 妇幼健康. */
    MATERNAL,
    /** 卫生监督. */
    SUPERVISION,
    /** 政策与政务公开. */
    POLICY,
    /** 其他. */
    OTHER;

    public String messageKey() {
        return "question.topic." + name();
    }

    /** The topic named by a request parameter, or null for an unknown or empty one. */
    public static QuestionTopic parse(String value) {
        if (value == null) {
            return null;
        }
        for (QuestionTopic t : values()) {
            if (t.name().equals(value.strip())) {
                return t;
            }
        }
        return null;
    }
}
