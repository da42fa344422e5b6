package org.gongkai.requests;

/** How a request reached the office; decides its receipt date (条例第31条). */
public enum Channel {
    /** 网上申请: received on submission (双方确认之日, 第31条第3项). */
    WEB,
    /** 信函: received on the day of signing for the letter (第31条第2项). */
    LETTER,
    /** 当面提交: received on the day it is handed in (第31条第1项). */
    IN_PERSON,
    /** 传真: received on the day both sides confirm it (第31条第3项). */
    FAX,
    /** 电子邮件: received on the day both sides confirm it (第31条第3项). */
    EMAIL;

    public String messageKey() {
        return "request.channel." + name();
    }
}
