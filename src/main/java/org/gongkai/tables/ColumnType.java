package org.gongkai.tables;

/** The type of a table column; the personal types hold data about people and are masked or hidden when published. */
public enum ColumnType {
    /** Free text. */
    TEXT(false, false),
    /** A whole number. */
    INTEGER(false, true),
    /** A decimal number. */
    DECIMAL(false, true),
    /** A calendar date, stored as yyyy-MM-dd. */
    DATE(false, false),
    /** One of the column's allowed values. */
    ENUM(false, false),
    /** 姓名 of a natural person. */
    PERSON_NAME(true, false),
    /** 居民身份证号, 18 characters with a check character or the 15-digit first-generation form. */
    ID_NUMBER(true, false),
    /** 联系电话: a mobile or fixed-line number. */
    PHONE(true, false),
    /** 住址 of a natural person. */
    ADDRESS(true, false),
    /** 银行账号 or card number. */
    BANK_ACCOUNT(true, false),
    /** 统一社会信用代码 of an organisation (not personal, but validated). */
    CREDIT_CODE(false, false);

    private final boolean personal;
    private final boolean numeric;

    ColumnType(boolean personal, boolean numeric) {
        this.personal = personal;
        this.numeric = numeric;
    }

    public boolean personal() {
        return personal;
    }

    public boolean numeric() {
        return numeric;
    }

    /** Personal types whose raw value may never be published as is. */
    public boolean mustNotBeShown() {
        return this == ID_NUMBER || this == PHONE || this == BANK_ACCOUNT;
    }

    public String messageKey() {
        return "tables.type." + name();
    }
}
