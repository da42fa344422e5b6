package org.gongkai.requests;

/** The statutory reply types (条例第36–39条). */
public enum ReplyType {
    /** 已主动公开，告知获取方式和途径 (第36条第1项). */
    ALREADY_PUBLIC,
    /** 予以公开 (第36条第2项). */
    DISCLOSED,
    /** 部分公开，说明理由 (第37条). */
    PARTLY_DISCLOSED,
    /** 不予公开，说明理由和依据 (第36条第3项). */
    NOT_DISCLOSED,
    /** 信息不存在 (第36条第4项). */
    NOT_EXIST,
    /** 不属于本机关负责公开，告知负责机关 (第36条第5项). */
    NOT_THIS_OFFICE,
    /** 重复申请 (第36条第6项). */
    REPEAT,
    /** 不属于政府信息公开申请（信访、投诉、举报）(第39条). */
    NOT_A_REQUEST,
    /** 需要加工、分析 (第38条). */
    REQUIRES_PROCESSING;

    public String messageKey() {
        return "request.reply." + name();
    }
}
