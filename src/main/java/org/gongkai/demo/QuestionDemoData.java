package org.gongkai.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.interaction.QuestionTopic;
import org.gongkai.interaction.Questions;
import org.gongkai.interaction.Questions.AskCommand;
import org.gongkai.interaction.Questions.PassCommand;
import org.gongkai.interaction.RatingScore;
import org.gongkai.interaction.Ratings;
import org.gongkai.publication.PublicViews.ItemFilter;
import org.gongkai.publication.PublishedItems;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Demo 政民互动 and ratings, through the features' APIs as the demo accounts: answered and published questions, one the
 * asker kept private, one waiting for review, one not yet assigned, two FAQ entries, and ratings spread over six months.
 * Idempotent: nothing is added when the first FAQ entry exists.
 */
@Component
@Profile("demo")
@Order(80) // after the workflow demo (45): ratings need published items
class QuestionDemoData implements ApplicationRunner {

    static final String MARKER = "新生儿预防接种需要带哪些材料？";

    private final Questions questions;
    private final Ratings ratings;
    private final IdentityManagement identity;
    private final PublishedItems items;
    private final Clock clock;

    QuestionDemoData(Questions questions, Ratings ratings, IdentityManagement identity, PublishedItems items, Clock clock) {
        this.questions = questions;
        this.ratings = ratings;
        this.identity = identity;
        this.items = items;
        this.clock = clock;
    }

    private record Demo(QuestionTopic topic, String title, String body, String contact, boolean mayPublish, String department,
                        String clerk, String answer) {
    }

    private static final List<Demo> ANSWERED = List.of(
            new Demo(QuestionTopic.DISEASE, "孩子错过了乙肝疫苗第二针怎么办？",
                    "我家孩子出生后打了乙肝疫苗第一针，第二针因为生病错过了约定时间，现在还能补种吗？需要重新开始吗？",
                    "13800001234", true, "疾病预防控制科", "clerk",
                    "您好！乙肝疫苗未按程序完成接种的，无需重新开始全程接种，尽早补种即可：第2剂与第1剂间隔不少于28天，第3剂与第2剂间隔不少于60天。"
                            + "请携带《预防接种证》到所属社区卫生服务中心预防接种门诊补种。感谢您的关注！"),
            new Demo(QuestionTopic.MEDICAL, "如何查询医疗机构是否依法执业？",
                    "想去一家诊所看牙，怎样查到它有没有《医疗机构执业许可证》？",
                    "example@mail.cn", true, "医政医管科", "clerk2",
                    "您好！可登录国家卫生健康委“全国医疗机构查询”系统，或在本网站“信息公开目录—医疗机构名录”栏目查询。"
                            + "医疗机构应在诊疗场所醒目位置悬挂《医疗机构执业许可证》，如发现无证行医可拨打12345反映。"),
            new Demo(QuestionTopic.DISEASE, "成人可以接种流感疫苗吗？在哪里接种？",
                    "今年想给家里老人和自己都打流感疫苗，成人在哪里打？需要预约吗？",
                    "13900005678", true, "疾病预防控制科", "clerk",
                    "您好！6月龄以上无接种禁忌的人群均可接种流感疫苗，60岁以上老人、慢性病患者等是重点推荐人群。"
                            + "可通过社区卫生服务中心的预约电话或“健康示范市”公众号预约，到辖区预防接种门诊接种。"),
            new Demo(QuestionTopic.MEDICAL, "关于本人住院费用明细的咨询",
                    "本人上月在市第一人民医院住院，想核对费用明细，向哪里申请？",
                    "13700009999", false, "医政医管科", "clerk2",
                    "您好！可凭本人身份证件到该院住院收费处或通过医院自助机打印住院费用明细清单；如对收费有异议，可向医院医患关系办公室反映。"));

    @Override
    public void run(ApplicationArguments args) {
        if (questions.faq().stream().anyMatch(f -> f.question().equals(MARKER))) {
            return;
        }
        if (identity.principal("reviewer").isEmpty() || identity.principal("clerk").isEmpty() || identity.principal("clerk2").isEmpty()) {
            return;
        }
        var previous = SecurityContextHolder.getContext().getAuthentication();
        try {
            seed();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    private void seed() {
        Long firstId = null;
        for (Demo d : ANSWERED) {
            var receipt = questions.ask(new AskCommand(d.topic(), d.title(), d.body(), null, d.contact(), d.mayPublish(), null));
            StaffPrincipal reviewer = as("reviewer");
            long department = departmentId(d.department());
            questions.assign(receipt.id(), 0, department);
            StaffPrincipal clerk = as(d.clerk());
            questions.answer(receipt.id(), 1, d.answer(), clerk);
            as("reviewer");
            questions.pass(receipt.id(), 2, new PassCommand(d.title(), d.body(), d.answer(), true), reviewer);
            if (firstId == null) {
                firstId = receipt.id();
            }
        }
        // one waiting for review and one not yet assigned, so the console has something in each list
        var waiting = questions.ask(new AskCommand(QuestionTopic.MATERNAL, "孕期建档需要哪些材料？",
                "准备在社区医院建立孕产妇保健手册，需要带哪些材料？", "小王", "13600001111", true, null));
        as("reviewer");
        questions.assign(waiting.id(), 0, departmentId("疾病预防控制科"));
        questions.answer(waiting.id(), 1, "您好！请携带夫妻双方身份证、户口簿或居住证以及近期产检资料到居住地社区卫生服务中心建档。",
                as("clerk"));
        questions.ask(new AskCommand(QuestionTopic.SUPERVISION, "游泳馆水质由谁监管？",
                "小区附近游泳馆的水很浑，应该向哪个部门反映？", null, "13500002222", true, null));

        as("reviewer");
        questions.addFaq(QuestionTopic.DISEASE, MARKER,
                "请携带《出生医学证明》、新生儿首针乙肝疫苗和卡介苗接种记录（医院出具）、监护人身份证件，到居住地社区卫生服务中心预防接种门诊办理《预防接种证》。",
                null);
        questions.addFaq(QuestionTopic.DISEASE, "错过疫苗接种时间还能补种吗？", ANSWERED.get(0).answer(), firstId);

        // ratings over the last six months, from documentation addresses (TEST-NET-2)
        List<String> itemIds = items.list(ItemFilter.none(), 1, 6).items().stream().map(i -> i.documentId()).toList();
        List<String> questionIds = questions.published(null, null, 3).stream().map(q -> String.valueOf(q.id())).toList();
        RatingScore[] cycle = {RatingScore.SATISFIED, RatingScore.SATISFIED, RatingScore.PARTLY, RatingScore.SATISFIED,
                RatingScore.UNSATISFIED, RatingScore.PARTLY, RatingScore.SATISFIED};
        Instant now = Instant.now(clock);
        int n = 0;
        for (int month = 5; month >= 0; month--) {
            Instant at = now.minus(Duration.ofDays(30L * month + 1));
            for (String id : itemIds) {
                for (int reader = 0; reader < 2 + (n % 3); reader++) {
                    RatingScore score = cycle[(n + reader) % cycle.length];
                    ratings.rateAt(Ratings.TargetKind.ITEM, id, score, score == RatingScore.UNSATISFIED && reader == 0
                            ? "希望附件提供可编辑的表格版本。" : null, "198.51.100." + (month * 20 + reader + 1), at);
                }
                n++;
            }
            for (String id : questionIds) {
                ratings.rateAt(Ratings.TargetKind.QUESTION, id, cycle[n++ % cycle.length], null, "198.51.100." + (200 + month), at);
            }
        }
    }

    private long departmentId(String name) {
        return identity.departmentViews().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().id();
    }

    private StaffPrincipal as(String username) {
        StaffPrincipal principal = identity.principal(username).orElseThrow();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        return principal;
    }
}
