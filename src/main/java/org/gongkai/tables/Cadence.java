package org.gongkai.tables;

/** How often a table is updated (更新周期), shown in the open-data catalogue. */
public enum Cadence {
    /** 每月. */
    MONTHLY,
    /** 每季度. */
    QUARTERLY,
    /** 每半年. */
    HALF_YEARLY,
    /** 每年. */
    YEARLY,
    /** 不定期. */
    IRREGULAR;

    public String messageKey() {
        return "tables.cadence." + name();
    }
}
