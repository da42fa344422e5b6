package org.gongkai.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.gongkai.content.ContentManagement;
import org.gongkai.content.ContentManagement.DraftInput;
import org.gongkai.content.RelatedDocument;
import org.gongkai.content.EditionView;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.publication.Validity;
import org.gongkai.tables.TableManagement;
import org.gongkai.workflow.Checklist;
import org.gongkai.workflow.EditionWorkflow;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo documents from the seeds, taken through the real workflow by the demo accounts, published on dates spread over
 * 2024–2026, with documents left in every state: drafts, submitted, returned with reasons, awaiting approval, scheduled,
 * published with two editions, withdrawn, unpublished and force-published awaiting retrospective review. Idempotent.
 */
@Component
@Profile("demo")
@Order(45) // after the tables demo (40): four of its tables are published with items
public class WorkflowDemoData implements ApplicationRunner {

    private final ZoneId zone;
    private static final String MARKER = "2024年1月法定传染病疫情概况";

    private final ContentManagement content;
    private final org.gongkai.content.Attachments attachments;
    private final TableManagement tables;
    private final IdentityManagement identity;
    private final EditionWorkflow workflow;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    /** The demo runs in one transaction: edition states changed through JPA are flushed before SQL reads them. */
    @jakarta.persistence.PersistenceContext
    private jakarta.persistence.EntityManager entityManager;

    WorkflowDemoData(ContentManagement content, org.gongkai.content.Attachments attachments, TableManagement tables,
                     IdentityManagement identity, EditionWorkflow workflow, JdbcTemplate jdbc, Clock clock, ZoneId zone) {
        this.zone = zone;
        this.content = content;
        this.attachments = attachments;
        this.tables = tables;
        this.identity = identity;
        this.workflow = workflow;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Doc(String clerk, String node, String title, String genre, String topic, LocalDate writtenOn, String number,
                       String summary, String body) {
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.queryForObject("select count(*) from edition where title = ?", Integer.class, MARKER) > 0) {
            return;
        }
        StaffPrincipal reviewer = identity.principal("reviewer").orElseThrow();
        StaffPrincipal approver = identity.principal("approver").orElseThrow();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        try {
            for (Doc doc : published(today)) {
                publish(doc, reviewer, approver);
            }
            publishTables(reviewer, approver);
            seedOtherStates(reviewer, approver, today);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Drafts, submits, reviews (and approves) a document as the demo accounts, on the day after it was written. */
    private EditionView publish(Doc doc, StaffPrincipal reviewer, StaffPrincipal approver) {
        EditionView draft = draft(doc);
        if (doc.title().contains("异常反应监测报告") || doc.title().contains("医疗卫生资源概况")) {
            byte[] workbook = workbook(doc.title(), doc.title().contains("异常反应")
                    ? new String[][] {{"反应分类", "报告例数"}, {"一般反应", "352"}, {"异常反应", "41"}, {"偶合症", "18"}, {"心因性反应", "9"}}
                    : new String[][] {{"指标", "数量"}, {"医疗卫生机构（个）", "3842"}, {"床位（张）", "91236"}, {"卫生技术人员（人）", "126530"}});
            attachments.add(draft.editionId(), doc.title() + "（数据表）.xlsx", workbook.length,
                    new java.io.ByteArrayInputStream(workbook), as(doc.clerk()));
        }
        Clock at = Clock.fixed(doc.writtenOn().plusDays(doc.writtenOn().getDayOfMonth() % 4 + 1).atTime(LocalTime.of(10, 30))
                .atZone(zone).toInstant(), zone);
        EditionWorkflow dated = workflowAt(at);
        StaffPrincipal clerk = as(doc.clerk());
        dated.submit(draft.editionId(), clerk);
        as(reviewer);
        dated.passReview(draft.editionId(), allHold(), "经审查，不涉及国家秘密、工作秘密和个人隐私，同意公开。", "个人信息已按规定脱敏。", false, null, reviewer);
        if (draft.approvalRequired()) {
            as(approver);
            dated.approve(draft.editionId(), "同意发布。", null, approver);
        }
        return draft;
    }

    /**
     * Takes a drafted edition through submission, review and (where the column needs it) approval by the demo accounts on
     * the given day, for other demo data such as the annual report.
     */
    @Transactional
    public void publishOn(long editionId, java.time.LocalDateTime at) {
        try {
            EditionView draft = content.view(editionId);
            EditionWorkflow dated = workflowAt(Clock.fixed(at.atZone(zone).toInstant(), zone));
            StaffPrincipal author = as(identity.principal(usernameOf(draft.createdBy())).orElseThrow());
            dated.submit(editionId, author);
            StaffPrincipal reviewer = as("reviewer");
            dated.passReview(editionId, allHold(), "经审查，不涉及国家秘密、工作秘密和个人隐私，同意公开。", null, false, null, reviewer);
            if (draft.approvalRequired()) {
                StaffPrincipal approver = as("approver");
                dated.approve(editionId, "同意发布。", null, approver);
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private String usernameOf(long accountId) {
        return jdbc.queryForObject("select username from staff_user where id = ?", String.class, accountId);
    }

    /** Publishes four demo tables with items, so that masking is visible on the public site and /data lists them. */
    private void publishTables(StaffPrincipal reviewer, StaffPrincipal approver) {
        String[][] published = {
                {"2025年下半年疾病应急救助个案", "clerk2", "jbyjjz-ga", "2025年下半年疾病应急救助个案公示", "2026-01-15"},
                {"医疗机构名录（二级及以上医院）", "clerk2", "ylzy-jgml", "示范市二级及以上医院名录", "2026-03-02"},
                {"2026年第一季度“双随机、一公开”抽查结果", "clerk3", "jdzf-sjs", "2026年第一季度“双随机、一公开”抽查结果（明细）", "2026-04-10"},
                {"2026年第一季度城镇集中式供水水质监测结果", "clerk", "ggws-ysws", "2026年第一季度城镇集中式供水水质监测结果（明细）", "2026-04-12"}};
        for (String[] t : published) {
            java.util.List<Long> ids = jdbc.queryForList("select id from data_table where caption = ? and owner_type = 'STANDALONE'",
                    Long.class, t[0]);
            if (ids.isEmpty()) {
                continue;
            }
            Doc doc = new Doc(t[1], t[2], t[3], "名单名录", "卫生健康", LocalDate.parse(t[4]), null, t[0] + "，个人信息已按规定脱敏。",
                    "<p>现将" + t[0] + "公开如下，详见下表；表格可下载 CSV、Excel 和 JSON 格式。</p>");
            EditionView draft = draft(doc);
            StaffPrincipal clerk = as(t[1]);
            tables.attachToEdition(clerk, ids.get(0), draft.editionId(), draft.departmentId());
            Clock at = Clock.fixed(doc.writtenOn().plusDays(2).atTime(LocalTime.of(10, 0)).atZone(zone).toInstant(), zone);
            EditionWorkflow dated = workflowAt(at);
            dated.submit(draft.editionId(), clerk);
            as(reviewer);
            dated.passReview(draft.editionId(), allHold(), "表格中的姓名、身份证号、电话、住址已按列规则脱敏，账号不公开，同意公开。",
                    "按列规则脱敏", false, null, reviewer);
        }
    }

    private void seedOtherStates(StaffPrincipal reviewer, StaffPrincipal approver, LocalDate today) {
        EditionWorkflow now = workflowAt(clock);
        // a draft in each clerk's department
        // last month's report, the one month that published() leaves out: a fixed month was published too once it had passed
        YearMonth drafted = draftedMonth(today);
        draft(new Doc("clerk", "ggws-crb", monthlyReportTitle(drafted), "统计数据", "疾病防控", today.minusDays(3), null,
                drafted.getYear() + "年" + drafted.getMonthValue() + "月全市法定传染病报告情况。", monthlyReport(drafted)));
        draft(new Doc("clerk2", "ylzy-dqyp", "2026年第四季度短缺药品清单", "名单名录", "药品管理", today.minusDays(2), null,
                "本市短缺药品清单（第四季度）。", "<p>根据短缺药品监测情况，现将本市短缺药品清单公布如下。</p>"));
        // submitted, waiting for review
        EditionView submitted = draft(new Doc("clerk3", "jdzf-sjs", "2026年第三季度公共场所卫生双随机抽查结果公示", "公示", "卫生监督",
                today.minusDays(6), null, "第三季度公共场所卫生双随机抽查结果。",
                "<p>按照“双随机、一公开”监管工作要求，我委对辖区公共场所开展了卫生监督抽查，现将结果公示如下。</p><table><tr><th>单位名称</th><th>抽查结果</th></tr><tr><td>示范市某某宾馆</td><td>合格</td></tr><tr><td>示范市某某游泳馆</td><td>责令整改</td></tr></table>"));
        now.submit(submitted.editionId(), as("clerk3"));
        EditionView submitted2 = draft(new Doc("clerk", "ggws-yfjz", "关于调整本市部分预防接种门诊服务时间的通知", "通知", "疾病防控",
                today.minusDays(4), null, "部分预防接种门诊服务时间调整。",
                "<p>因门诊改造，以下预防接种门诊服务时间调整如下，请受种者合理安排接种时间。</p><p>咨询电话：020-12345678</p>"));
        now.submit(submitted2.editionId(), as("clerk"));
        // returned with reasons
        EditionView returned = draft(new Doc("clerk", "jbyjjz-ga", "2026年上半年疾病应急救助个案公示", "公示", "医疗服务",
                today.minusDays(20), null, "2026年上半年疾病应急救助个案。",
                "<p>现将2026年上半年疾病应急救助个案公示如下：患者张三丰，身份证号440106199003071234，救助金额12000元。</p>"));
        now.submit(returned.editionId(), as("clerk"));
        as(reviewer);
        now.returnEdition(returned.editionId(), "正文含有患者完整姓名和身份证号，请按规定脱敏后改用数据表格发布。", reviewer);
        // reviewed, awaiting leadership approval
        EditionView awaiting = draft(new Doc("clerk2", "zcwj-gfxwj", "示范市医疗机构不良执业行为记分管理办法", "规范性文件", "医疗服务",
                today.minusDays(10), "示卫规字〔2026〕5号", "规范医疗机构执业行为，实行不良执业行为记分管理。",
                "<h2>第一章 总则</h2><p>第一条 为加强医疗机构监督管理，规范执业行为，根据《医疗机构管理条例》等规定，制定本办法。</p><p>第二条 本办法适用于本市行政区域内的医疗机构。</p>"));
        now.submit(awaiting.editionId(), as("clerk2"));
        as(reviewer);
        now.passReview(awaiting.editionId(), allHold(), "同意公开，报局领导审定。", null, false, null, reviewer);
        // approved and scheduled
        EditionView scheduled = draft(new Doc("clerk", "ggws-aefi", "2026年度疑似预防接种异常反应监测工作方案", "通知", "疾病防控",
                today.minusDays(5), null, "2026年度AEFI监测工作安排。",
                "<p>为做好疑似预防接种异常反应（AEFI）监测工作，现制定本方案。</p>"));
        now.submit(scheduled.editionId(), as("clerk"));
        as(reviewer);
        now.passReview(scheduled.editionId(), allHold(), "同意公开，定时发布。", null, false,
                today.plusDays(7).atTime(9, 0).atZone(zone).toInstant(), reviewer);
        // published, then a second edition with a change note
        EditionView directory = publish(new Doc("clerk2", "ylzy-jgml", "示范市医疗机构名录", "名单名录", "医疗服务",
                LocalDate.of(2025, 3, 3), null, "辖区医疗机构名称、地址、类别和联系电话。",
                "<table><caption>示范市医疗机构名录</caption><tr><th>机构名称</th><th>类别</th><th>地址</th></tr><tr><td>示范市第一人民医院</td><td>三级综合医院</td><td>示范市城中区中山路1号</td></tr><tr><td>示范市中医医院</td><td>三级中医医院</td><td>示范市江南区江南大道88号</td></tr></table>"),
                reviewer, approver);
        StaffPrincipal clerk2 = as("clerk2");
        EditionView second = content.newEditionFromPublished(directory.documentId(), clerk2);
        var f = second;
        content.editDraft(second.editionId(), second.version(), new DraftInput(f.title(), f.documentNumber(), f.writtenOn(), f.summary(),
                f.keywords(), f.catalogueNodeId(), f.topic(), f.genre(), f.audience(), f.disclosureAttribute(),
                f.bodyHtml().replace("</table>", "<tr><td>示范市城东区某某社区卫生服务中心</td><td>社区卫生服务中心</td><td>示范市城东区体育西路12号</td></tr></table>"),
                "新增1家社区卫生服务中心", false, false), clerk2);
        EditionWorkflow later = workflowAt(Clock.fixed(LocalDate.of(2026, 4, 8).atTime(10, 0).atZone(zone).toInstant(), zone));
        later.submit(second.editionId(), clerk2);
        as(reviewer);
        later.passReview(second.editionId(), allHold(), "同意公开。", null, false, null, reviewer);
        // withdrawn (废止)
        EditionView repealed = publish(new Doc("clerk2", "zcwj-gfxwj", "示范市医疗机构校验管理实施细则（试行）", "规范性文件", "医疗服务",
                LocalDate.of(2024, 3, 12), "示卫规字〔2024〕2号", "医疗机构校验的程序和要求。",
                "<p>第一条 为规范医疗机构校验工作，制定本细则。</p>"), reviewer, approver);
        // its replacement, linked with 替代, so that the 废止 banner links to it
        publish(new Doc("clerk2", "zcwj-gfxwj", "示范市医疗机构校验管理办法", "规范性文件", "医疗服务",
                LocalDate.of(2025, 12, 15), "示卫规字〔2025〕9号", "医疗机构校验的程序、要求和结论，自2026年1月1日起施行。",
                "<p>第一条 为规范医疗机构校验工作，根据《医疗机构管理条例》及其实施细则，制定本办法。</p>"
                        + "<p>第二十条 本办法自2026年1月1日起施行，《示范市医疗机构校验管理实施细则（试行）》同时废止。</p>"),
                reviewer, approver);
        as(reviewer);
        now.withdraw(repealed.editionId(), Validity.REPEALED, LocalDate.of(2026, 1, 1), "已被《示范市医疗机构校验管理办法》替代。", reviewer);
        // unpublished (published in error)
        EditionView wrong = publish(new Doc("clerk3", "jdzf-xzcf", "行政处罚决定书（误发）", "公告", "卫生监督", LocalDate.of(2025, 9, 9), null,
                "误发的处罚决定。", "<p>该决定书尚未送达当事人即被发布。</p>"), reviewer, approver);
        as(approver);
        now.unpublish(wrong.editionId(), "决定书尚未送达当事人，误发。", approver);
        // force-published emergency notice awaiting retrospective review
        EditionView emergency = draft(new Doc("clerk", "yjgl", "关于近期登革热疫情防控的紧急提示", "应急信息", "应急管理",
                today.minusDays(1), null, "近期登革热病例增多，请市民做好防蚊灭蚊。",
                "<p>近期我市报告登革热病例有所增加。请广大市民清除积水、防蚊灭蚊，出现发热、头痛、肌肉关节痛等症状及时就医。</p>"));
        as(approver);
        now.forcePublish(emergency.editionId(), "登革热疫情防控需在5小时内向社会发布权威提示。", approver);
    }

    /** The month whose 法定传染病疫情概况 is still a draft: the last one (the published reports end before it). */
    public static YearMonth draftedMonth(LocalDate today) {
        return YearMonth.from(today).minusMonths(1);
    }

    public static String monthlyReportTitle(YearMonth month) {
        return month.getYear() + "年" + month.getMonthValue() + "月法定传染病疫情概况";
    }

    private List<Doc> published(LocalDate today) {
        List<Doc> docs = new ArrayList<>();
        for (YearMonth month = YearMonth.of(2024, 1); month.isBefore(draftedMonth(today)); month = month.plusMonths(1)) {
            docs.add(new Doc("clerk", "ggws-crb", monthlyReportTitle(month), "统计数据", "疾病防控",
                    month.plusMonths(1).atDay(8), null, month.getYear() + "年" + month.getMonthValue() + "月全市法定传染病报告情况。",
                    monthlyReport(month)));
        }
        for (int year = 2024; year <= 2026; year++) {
            for (int quarter = 1; quarter <= 4; quarter++) {
                LocalDate written = LocalDate.of(year, quarter * 3, 1).plusMonths(1).withDayOfMonth(12);
                if (!written.isBefore(today)) {
                    continue;
                }
                docs.add(new Doc("clerk", "ggws-ysws", year + "年第" + "一二三四".charAt(quarter - 1) + "季度生活饮用水水质监测情况", "统计数据",
                        "公共卫生", written, null, "全市生活饮用水水质监测结果。",
                        "<p>本季度共监测出厂水、末梢水水样" + (120 + quarter * 7) + "份，按照《生活饮用水卫生标准》（GB 5749-2022）检测，合格率"
                                + (98 + quarter % 2) + "." + quarter + "%。</p>"));
                docs.add(new Doc("clerk3", "jdzf-sjs", year + "年第" + "一二三四".charAt(quarter - 1) + "季度双随机抽查结果公示", "公示", "卫生监督",
                        written.plusDays(3), null, "医疗卫生、公共场所、生活饮用水等领域双随机抽查结果。",
                        "<p>按照“双随机、一公开”工作要求，本季度共抽查单位" + (60 + quarter * 5) + "户，发现问题" + (quarter + 3)
                                + "户，已依法责令整改。</p><table><tr><th>专业</th><th>抽查户数</th><th>合格户数</th></tr><tr><td>公共场所卫生</td><td>30</td><td>28</td></tr><tr><td>医疗卫生</td><td>25</td><td>24</td></tr></table>"));
                docs.add(new Doc("clerk3", "jdzf-xzcf", year + "年第" + "一二三四".charAt(quarter - 1) + "季度行政处罚决定公开", "公告", "卫生监督",
                        written.plusDays(5), null, "本季度卫生健康行政处罚决定。",
                        "<p>本季度共作出行政处罚决定" + (8 + quarter) + "件，主要涉及无证行医、公共场所卫生许可等违法行为。</p>"));
            }
        }
        for (int year = 2024; year <= 2025; year++) {
            docs.add(new Doc("clerk", "ggws-aefi", year + "年度疑似预防接种异常反应监测报告", "统计数据", "疾病防控",
                    LocalDate.of(year + 1, 3, 15), null, year + "年全市疑似预防接种异常反应（AEFI）监测情况。",
                    "<p>" + year + "年全市共接种疫苗" + (310 + year % 10) + "万剂次，报告疑似预防接种异常反应" + (420 + year % 7 * 11)
                            + "例，报告发生率符合国家要求。绝大多数为一般反应，经对症处理后痊愈。</p><p>本报告所称疫苗包括免疫规划疫苗和非免疫规划疫苗。</p>"));
            docs.add(new Doc("clerk2", "jbyjjz-jjsq", year + "年疾病应急救助基金使用情况", "统计数据", "医疗服务",
                    LocalDate.of(year + 1, 1, 20), null, year + "年疾病应急救助基金申请和支付情况。",
                    "<p>" + year + "年共受理疾病应急救助基金申请" + (150 + year % 9) + "例，审核通过" + (140 + year % 9) + "例。</p>"));
            docs.add(new Doc("clerk2", "czzj-ys", "示范市卫生健康委员会" + (year + 1) + "年部门预算", "统计数据", "财政资金",
                    LocalDate.of(year + 1, 2, 10), null, (year + 1) + "年部门预算及“三公”经费预算。",
                    "<p>" + (year + 1) + "年部门预算收入" + (5 + year % 3) + ".2亿元，支出与收入相等。</p>"));
            docs.add(new Doc("clerk2", "ylzy-zygk", year + "年示范市医疗卫生资源概况", "统计数据", "医疗服务",
                    LocalDate.of(year + 1, 4, 20), null, "医疗卫生机构、床位、卫生人员数量。",
                    "<p>截至" + year + "年底，全市共有医疗卫生机构" + (3800 + year % 10 * 40) + "个，床位" + (9 + year % 2) + ".1万张，卫生技术人员"
                            + (12 + year % 3) + ".6万人，每千人口床位数" + (5.8 + year % 2 * 0.2) + "张。</p>"));
        }
        docs.add(new Doc("clerk2", "zcwj-gfxwj", "示范市家庭医生签约服务管理办法", "规范性文件", "医疗服务", LocalDate.of(2025, 6, 3),
                "示卫规字〔2025〕3号", "规范家庭医生签约服务的内容、流程和考核。",
                "<h2>第一章 总则</h2><p>第一条 为规范家庭医生签约服务，根据有关规定，制定本办法。</p><p>第二条 本办法自2025年7月1日起施行，有效期5年。</p>"));
        docs.add(new Doc("clerk2", "zcwj-zcjd", "《示范市家庭医生签约服务管理办法》政策解读", "政策解读", "医疗服务", LocalDate.of(2025, 6, 4),
                null, "解读家庭医生签约服务管理办法的背景、主要内容和适用对象。",
                "<h2>一、制定背景</h2><p>为推进分级诊疗，提升基层服务能力，我委制定了本办法。</p><h2>二、主要内容</h2><p>明确签约服务内容、签约流程、服务收费和考核要求。</p>"));
        docs.add(new Doc("clerk", "bszn", "预防接种证查验办事指南", "办事指南", "疾病防控", LocalDate.of(2025, 8, 20), null,
                "入托入学预防接种证查验的办理流程。", "<p>办理对象：入托、入学儿童家长。</p><p>办理材料：儿童预防接种证。</p><p>办理时限：即时办结。</p>"));
        docs.add(new Doc("clerk3", "bszn", "公共场所卫生许可办事指南", "办事指南", "卫生监督", LocalDate.of(2025, 5, 6), null,
                "公共场所卫生许可的申请条件、材料和流程。", "<p>申请条件：依法取得营业执照的公共场所经营者。</p><p>承诺时限：10个工作日。</p>"));
        docs.add(new Doc("clerk", "jkcj", "2026年全民健康生活方式宣传月活动通知", "通知", "公共卫生", LocalDate.of(2026, 8, 25), null,
                "开展全民健康生活方式宣传月活动。", "<p>为倡导“三减三健”健康生活方式，决定于9月开展宣传月活动。</p>"));
        docs.add(new Doc("clerk", "yjgl", "示范市突发公共卫生事件应急预案", "规划计划", "应急管理", LocalDate.of(2025, 11, 3), null,
                "突发公共卫生事件的分级、响应和保障。", "<p>本预案适用于本市行政区域内突发公共卫生事件的应急处置工作。</p>"));
        docs.add(new Doc("clerk2", "jgxx", "示范市卫生健康委员会机构职能", "其他", "机构人事", LocalDate.of(2024, 2, 1), null,
                "本机关主要职责、内设机构和联系方式。", "<p>负责全市卫生健康工作，拟订卫生健康政策措施并组织实施。</p>"));
        return docs;
    }

    private static byte[] workbook(String title, String[][] rows) {
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            var sheet = book.createSheet("数据");
            sheet.createRow(0).createCell(0).setCellValue(title);
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r + 2);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String monthlyReport(YearMonth month) {
        int seed = month.getYear() * 12 + month.getMonthValue();
        int cases = 8000 + seed * 37 % 4000;
        return "<p>" + month.getYear() + "年" + month.getMonthValue() + "月，全市共报告法定传染病" + (17 + seed % 5) + "种" + cases + "例，死亡"
                + (seed % 4) + "人。</p><p>报告发病数居前五位的病种依次为：流行性感冒、其他感染性腹泻病、手足口病、肺结核和梅毒。</p>"
                + "<table><caption>" + month.getMonthValue() + "月法定传染病报告情况</caption><tr><th>类别</th><th>发病数</th><th>死亡数</th></tr>"
                + "<tr><td>甲类</td><td>0</td><td>0</td></tr><tr><td>乙类</td><td>" + (cases / 6) + "</td><td>" + (seed % 4) + "</td></tr>"
                + "<tr><td>丙类</td><td>" + (cases - cases / 6) + "</td><td>0</td></tr></table>";
    }

    private EditionView draft(Doc doc) {
        StaffPrincipal clerk = as(doc.clerk());
        long node = jdbc.queryForObject("select id from catalogue_node where code = ?", Long.class, doc.node());
        return content.createDraft(new DraftInput(doc.title(), doc.number(), doc.writtenOn(), doc.summary(), doc.title().substring(0,
                Math.min(8, doc.title().length())), node, doc.topic(), doc.genre(), "社会公众", "主动公开", doc.body(), null, false,
                "应急信息".equals(doc.genre()), interpreted(doc)), clerk);
    }

    /** Demo documents that replace (替代) another, by title: the replaced one's 废止 banner links to its replacement. */
    private static final java.util.Map<String, String> REPLACES = java.util.Map.of("示范市医疗机构校验管理办法", "示范市医疗机构校验管理实施细则（试行）");

    /** A 政策解读 titled 《X》政策解读 interprets the published document X; a document in {@link #REPLACES} replaces its predecessor. */
    private List<ContentManagement.RelatedInput> interpreted(Doc doc) {
        entityManager.flush();
        if (REPLACES.containsKey(doc.title())) {
            return jdbc.queryForList("select d.public_id from document d join edition e on e.document_id = d.id"
                            + " where e.title = ? and e.state = 'PUBLISHED'", String.class, REPLACES.get(doc.title())).stream()
                    .map(id -> new ContentManagement.RelatedInput(RelatedDocument.Relation.REPLACES, id)).toList();
        }
        if (!"政策解读".equals(doc.genre()) || !doc.title().startsWith("《")) {
            return List.of();
        }
        String policy = doc.title().substring(1, doc.title().indexOf('》'));
        return jdbc.queryForList("select d.public_id from document d join edition e on e.document_id = d.id"
                        + " where e.title = ? and e.state = 'PUBLISHED'", String.class, policy).stream()
                .map(id -> new ContentManagement.RelatedInput(RelatedDocument.Relation.INTERPRETS, id)).toList();
    }

    private EditionWorkflow workflowAt(Clock at) {
        return workflow.at(at);
    }

    private StaffPrincipal as(String username) {
        return as(identity.principal(username).orElseThrow());
    }

    private static StaffPrincipal as(StaffPrincipal principal) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        return principal;
    }

    private static Checklist allHold() {
        return new Checklist(true, true, true, true, true, true);
    }
}
