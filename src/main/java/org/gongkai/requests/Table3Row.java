package org.gongkai.requests;

/** The 25 rows of Table 3 of the 2021 annual-report format (收到和处理政府信息公开申请情况). */
public enum Table3Row {
    /** 一、本年新收政府信息公开申请数量. */
    NEW_RECEIVED,
    /** 二、上年结转政府信息公开申请数量. */
    CARRIED_OVER,
    /** 三（一）予以公开. */
    DISCLOSED,
    /** 三（二）部分公开（区分处理的，只计这一情形，不计其他情形）. */
    PARTLY_DISCLOSED,
    /** 三（三）不予公开 1.属于国家秘密. */
    NOT_DISCLOSED_STATE_SECRET,
    /** 2.其他法律行政法规禁止公开. */
    NOT_DISCLOSED_LAW_FORBIDS,
    /** 3.危及“三安全一稳定”. */
    NOT_DISCLOSED_THREE_SAFETIES,
    /** 4.保护第三方合法权益. */
    NOT_DISCLOSED_THIRD_PARTY_RIGHTS,
    /** 5.属于三类内部事务信息. */
    NOT_DISCLOSED_INTERNAL_AFFAIRS,
    /** 6.属于四类过程性信息. */
    NOT_DISCLOSED_PROCESS_INFORMATION,
    /** 7.属于行政执法案卷. */
    NOT_DISCLOSED_ENFORCEMENT_FILE,
    /** 8.属于行政查询事项. */
    NOT_DISCLOSED_ADMINISTRATIVE_QUERY,
    /** 三（四）无法提供 1.本机关不掌握相关政府信息. */
    UNABLE_NOT_HELD,
    /** 2.没有现成信息需要另行制作. */
    UNABLE_NEEDS_PROCESSING,
    /** 3.补正后申请内容仍不明确. */
    UNABLE_UNCLEAR,
    /** 三（五）不予处理 1.信访举报投诉类申请. */
    NOT_HANDLED_PETITION,
    /** 2.重复申请. */
    NOT_HANDLED_REPEAT,
    /** 3.要求提供公开出版物. */
    NOT_HANDLED_PUBLICATION,
    /** 4.无正当理由大量反复申请. */
    NOT_HANDLED_MASS,
    /** 5.要求行政机关确认或重新出具已获取信息. */
    NOT_HANDLED_CONFIRMATION,
    /** 三（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请. */
    OTHER_NO_CORRECTION,
    /** 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请. */
    OTHER_NO_FEE,
    /** 3.其他（含申请人撤回）. */
    OTHER_OTHER,
    /** 三（七）总计. */
    TOTAL,
    /** 四、结转下年度继续办理. */
    CARRIED_FORWARD;

    /** The result row a finished request counts in; null for rows that are not results. */
    static Table3Row of(RequestState state, ReplyType type, NotDisclosedGround ground) {
        if (state == RequestState.DEEMED_WITHDRAWN) {
            return OTHER_NO_CORRECTION;
        }
        if (state == RequestState.WITHDRAWN) {
            return OTHER_OTHER;
        }
        return switch (type) {
            case ALREADY_PUBLIC, DISCLOSED -> DISCLOSED;
            case PARTLY_DISCLOSED -> PARTLY_DISCLOSED;
            case NOT_DISCLOSED -> valueOf("NOT_DISCLOSED_" + ground.name());
            case NOT_EXIST, NOT_THIS_OFFICE -> UNABLE_NOT_HELD;
            case REQUIRES_PROCESSING -> UNABLE_NEEDS_PROCESSING;
            case NOT_A_REQUEST -> NOT_HANDLED_PETITION;
            case REPEAT -> NOT_HANDLED_REPEAT;
        };
    }
}
