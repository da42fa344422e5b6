package org.gongkai.tables;

/** What publication does with a column's values. */
public enum PublicationRule {
    /** Published as entered. */
    SHOW,
    /** Published in masked form ({@link Masking}). */
    MASK,
    /** Never published: the column is dropped. */
    HIDE;

    public String messageKey() {
        return "tables.rule." + name();
    }
}
