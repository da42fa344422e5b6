package org.gongkai.requests;

/** The seven applicant columns of the 2021 annual-report Table 3 (自然人 and five kinds of 法人或其他组织; 总计 is their sum). */
public enum ApplicantCategory {
    /** 自然人. */
    NATURAL_PERSON,
    /** 商业企业. */
    BUSINESS,
    /** 科研机构. */
    RESEARCH,
    /** 社会公益组织. */
    SOCIAL_WELFARE,
    /** 法律服务机构. */
    LEGAL_SERVICE,
    /** 其他. */
    OTHER_ORG;

    public String messageKey() {
        return "request.category." + name();
    }
}
