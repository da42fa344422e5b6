package org.gongkai.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.gongkai.consultation.CommentChannel;
import org.gongkai.consultation.CommentDecision;
import org.gongkai.consultation.Consultations;
import org.gongkai.consultation.ProposalReplies;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.StaffPrincipal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * 意见征集 and 建议提案办理结果 in the demo: an open consultation with online comments, a closed one with comments marked and
 * its 意见采纳情况反馈 published, a closed one whose feedback is overdue (on the compliance dashboard), and proposal replies;
 * all through the real services and the review workflow. Idempotent: nothing is added when the closed consultation exists.
 */
@Component
@Profile("demo")
@Order(65) // after the workflow demo (45), whose publishOn it uses; before the annual report (70)
class ParticipationDemoData implements ApplicationRunner {

    static final String OPEN_TITLE = "关于《示范市预防接种门诊管理办法（征求意见稿）》公开征求意见的公告";
    static final String CLOSED_TITLE = "关于《示范市医疗机构依法执业自查工作实施方案（征求意见稿）》公开征求意见的公告";
    static final String OVERDUE_TITLE = "关于《示范市家庭医生签约服务规范（征求意见稿）》公开征求意见的公告";

    private final Consultations consultations;
    private final ProposalReplies proposals;
    private final WorkflowDemoData workflow;
    private final IdentityManagement identity;
    private final Clock clock;

    ParticipationDemoData(Consultations consultations, ProposalReplies proposals, WorkflowDemoData workflow,
                          IdentityManagement identity, Clock clock) {
        this.consultations = consultations;
        this.proposals = proposals;
        this.workflow = workflow;
        this.identity = identity;
        this.clock = clock;
    }

    /** Not one transaction: each step commits, so that the workflow reads each edition as the previous step left it. */
    @Override
    public void run(ApplicationArguments args) {
        if (identity.principal("clerk2").isEmpty() || identity.principal("clerk").isEmpty()) {
            return;
        }
        StaffPrincipal clerk = identity.principal("clerk").orElseThrow();
        StaffPrincipal clerk2 = identity.principal("clerk2").orElseThrow();
        if (consultations.forStaff(clerk2).stream().anyMatch(c -> c.title().equals(CLOSED_TITLE))) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        try {
            closedWithFeedback(clerk2, today);
            open(clerk, today);
            overdue(clerk, today);
            proposalReplies(clerk, clerk2, today);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void closedWithFeedback(StaffPrincipal clerk2, LocalDate today) {
        LocalDate opens = today.minusDays(90);
        LocalDate closes = opens.plusDays(29);
        as(clerk2);
        long id = consultations.create(new Consultations.Draft(CLOSED_TITLE,
                "<p>第一条 为督促医疗机构落实依法执业主体责任，规范执业行为，制定本方案。</p>"
                        + "<p>第二条 本市行政区域内取得《医疗机构执业许可证》或者备案的医疗机构，每年开展一次依法执业自查。</p>"
                        + "<p>第三条 自查内容包括机构资质、人员资质、医疗技术临床应用、药品和医疗器械使用、医疗文书书写、传染病防治等。</p>"
                        + "<p>第四条 医疗机构应当于每年11月30日前将自查报告报送所在地卫生健康行政部门。</p>",
                "为贯彻落实《医疗机构依法执业自查管理办法》，推动医疗机构从“要我守法”向“我要守法”转变，结合本市实际起草本方案。",
                "《中华人民共和国基本医疗卫生与健康促进法》《医疗机构管理条例》《医疗机构依法执业自查管理办法》。",
                "方案共十二条，明确了自查范围、自查内容、自查频次、结果运用和监督检查等内容。",
                opens, closes, null,
                "可通过本页面“发表意见”栏目在线提出意见；也可将书面意见邮寄至示范市卫生健康委员会医政医管科（示范市中山路1号），"
                        + "请在信封上注明“意见征集”。", false), clerk2);
        var overview = consultations.overview(id, clerk2);
        workflow.publishOn(overview.editionId(), opens.atTime(9, 0));
        as(clerk2);
        consultations.recordComment(id, CommentChannel.LETTER, "王建国",
                "建议将自查报告报送时间由11月30日提前至10月31日，便于卫生健康行政部门汇总后开展抽查。", opens.plusDays(5), clerk2);
        consultations.recordComment(id, CommentChannel.EMAIL, null,
                "第三条自查内容建议增加“医疗废物管理”。如需进一步了解情况，可电话联系我：13812345678。", opens.plusDays(12), clerk2);
        consultations.recordComment(id, CommentChannel.MEETING, "某民营医院代表",
                "建议对基层小型诊所简化自查表格，减少重复填报。", opens.plusDays(20), clerk2);
        consultations.recordComment(id, CommentChannel.LETTER, null,
                "建议自查结果全部向社会公开，包括存在问题的具体人员姓名。", opens.plusDays(25), clerk2);
        var comments = consultations.comments(id, clerk2);
        consultations.decide(id, comments.get(0).id(), comments.get(0).version(), CommentDecision.NOT_ADOPTED,
                "国家规定的报送时间为每年11月30日前，本方案与之保持一致。", clerk2);
        consultations.decide(id, comments.get(1).id(), comments.get(1).version(), CommentDecision.ADOPTED, null, clerk2);
        consultations.decide(id, comments.get(2).id(), comments.get(2).version(), CommentDecision.PARTLY,
                "将为诊所、医务室等提供简化版自查表，核心项目不减少。", clerk2);
        consultations.decide(id, comments.get(3).id(), comments.get(3).version(), CommentDecision.NOT_ADOPTED,
                "自查结果按规定公开，涉及个人信息的内容依法不予公开。", clerk2);
        long feedback = consultations.draftFeedback(id, "征求意见期间，我委通过网站、信函、电子邮件和座谈会等方式广泛听取意见。"
                + "对收到的意见逐条研究，采纳合理意见，对未采纳的意见说明理由如下。", clerk2);
        workflow.publishOn(feedback, closes.plusDays(15).atTime(10, 0));
    }

    private void open(StaffPrincipal clerk, LocalDate today) {
        LocalDate opens = today.minusDays(10);
        as(clerk);
        long id = consultations.create(new Consultations.Draft(OPEN_TITLE,
                "<p>第一条 为规范预防接种门诊设置和管理，保障预防接种安全，制定本办法。</p>"
                        + "<p>第二条 预防接种门诊应当具备符合要求的候种、预检、登记、接种、留观等功能区域。</p>"
                        + "<p>第三条 接种单位应当在接种场所显著位置公示第一类疫苗的品种和接种方法、咨询电话。</p>"
                        + "<p>第四条 受种者接种后应当在留观区留观30分钟。</p>",
                "近年来本市适龄儿童数量和成人疫苗接种需求变化较大，部分预防接种门诊布局、服务时间不能满足群众需要，有必要统一规范。",
                "《中华人民共和国疫苗管理法》《预防接种工作规范》《广东省预防接种门诊管理办法》。",
                "办法共二十条，包括门诊设置条件、人员要求、服务时间、信息公示、疫苗储存、异常反应处置和监督管理等内容。",
                opens, opens.plusDays(29), null,
                "可通过本页面“发表意见”栏目在线提出意见，也可发送电子邮件至 yfjz@example.gov.cn。", false), clerk);
        var overview = consultations.overview(id, clerk);
        workflow.publishOn(overview.editionId(), opens.atTime(9, 0));
        String publicId = consultations.overview(id, clerk).publicId();
        consultations.comment(publicId, new Consultations.CommentInput("李女士", "139****0000（演示）",
                "建议周末也开放接种门诊，方便上班族家长带孩子接种。", ""), "demo-participation-1");
        consultations.comment(publicId, new Consultations.CommentInput(null, null,
                "第四条留观30分钟的规定建议在门诊张贴醒目提示。", ""), "demo-participation-2");
    }

    private void overdue(StaffPrincipal clerk, LocalDate today) {
        LocalDate opens = today.minusDays(75);
        as(clerk);
        long id = consultations.create(new Consultations.Draft(OVERDUE_TITLE,
                "<p>第一条 为规范家庭医生签约服务，提高签约服务质量，制定本规范。</p>"
                        + "<p>第二条 家庭医生团队为签约居民提供基本医疗、公共卫生和约定的健康管理服务。</p>",
                "落实国家关于推进家庭医生签约服务高质量发展的部署。",
                "《关于推进家庭医生签约服务高质量发展的指导意见》。",
                "规范共十五条，明确签约对象、服务内容、服务方式、考核评价等。",
                opens, opens.plusDays(29), null, "可通过本页面“发表意见”栏目在线提出意见。", false), clerk);
        workflow.publishOn(consultations.overview(id, clerk).editionId(), opens.atTime(9, 0));
        as(clerk);
        consultations.recordComment(id, CommentChannel.LETTER, null, "建议明确家庭医生上门服务的收费标准。", opens.plusDays(3), clerk);
    }

    private void proposalReplies(StaffPrincipal clerk, StaffPrincipal clerk2, LocalDate today) {
        int year = today.getYear();
        record Reply(StaffPrincipal clerk, ProposalReplies.Kind kind, int year, String number, String title, String body,
                     LocalDateTime publishAt) {
        }
        Reply[] replies = {
                new Reply(clerk2, ProposalReplies.Kind.NPC, year, "第0012号", "关于市十七届人大三次会议第0012号建议的答复",
                        "<p>张代表：</p><p>您提出的《关于加强基层医疗卫生服务能力建设的建议》收悉。现答复如下：</p>"
                                + "<p>一、加强基层医疗卫生机构标准化建设。今年以来，我委投入资金完成12家社区卫生服务中心改造提升。</p>"
                                + "<p>二、加强基层人才队伍建设。通过订单定向培养、县聘乡用等方式，充实基层卫生人才。</p>"
                                + "<p>感谢您对卫生健康工作的关心和支持。</p>",
                        today.minusMonths(5).atTime(10, 0)),
                new Reply(clerk, ProposalReplies.Kind.CPPCC, year, "第0045号", "关于市政协十三届三次会议第0045号提案的答复",
                        "<p>李委员：</p><p>您提出的《关于完善老年人预防接种服务的提案》收悉。现答复如下：</p>"
                                + "<p>一、在全市预防接种门诊设置老年人优先窗口。</p><p>二、开展老年人流感、肺炎疫苗接种宣传。</p>"
                                + "<p>感谢您对卫生健康工作的关心和支持。</p>",
                        today.minusMonths(4).atTime(10, 0)),
                new Reply(clerk2, ProposalReplies.Kind.NPC, year - 1, "第0108号", "关于市十七届人大二次会议第0108号建议的答复",
                        "<p>王代表：</p><p>您提出的《关于缓解大型医院停车难的建议》收悉。现答复如下：</p>"
                                + "<p>我委已会同交通、住建部门推动6家三级医院增设停车位，推广预约停车。</p>",
                        LocalDate.of(year - 1, 8, 15).atTime(10, 0))};
        for (Reply r : replies) {
            as(r.clerk());
            long edition = proposals.create(new ProposalReplies.Input(r.kind(), r.number(), r.year(), r.title(), r.body(),
                    r.publishAt().toLocalDate().minusDays(3)), r.clerk());
            workflow.publishOn(edition, r.publishAt());
        }
    }

    private static void as(StaffPrincipal who) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(who, null, who.getAuthorities()));
    }
}
