package org.gongkai.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.gongkai.content.ContentManagement;
import org.gongkai.content.ContentManagement.DraftInput;
import org.gongkai.content.EditionView;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.StaffPrincipal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Demo items for the columns a citizen opens first that the workflow demo leaves empty (#18): 领导信息, 统计信息,
 * 行政事业性收费, 政府采购, 重大建设项目, 招考录用, 政府信息公开制度, 行政许可 (双公示), 决算, 短缺药品清单, 规划计划 and 预防接种
 * (the column the service hall's QR poster points at). Each is drafted by a demo clerk and taken through review (and
 * approval where the column needs it) on its date. Idempotent by the first title.
 */
@Component
@Profile("demo")
@Order(46) // after the workflow demo (45), whose publishOn it uses
class CatalogueDemoData implements ApplicationRunner {

    /** A demo item: who drafts it, in which column, and when it was written (published the next working morning). */
    record Item(String clerk, String column, String title, String genre, String topic, LocalDate writtenOn, String number,
                String summary, String body) {
    }

    static final List<Item> ITEMS = List.of(
            new Item("office", "jgxx-ldxx", "示范市卫生健康委员会领导信息", "其他", "机构人事", LocalDate.of(2026, 3, 2), null,
                    "委领导姓名、职务和工作分工。",
                    "<table><caption>委领导及分工</caption><tr><th scope=\"col\">姓名</th><th scope=\"col\">职务</th><th scope=\"col\">分工</th></tr>"
                            + "<tr><td>林海涛</td><td>党组书记、主任</td><td>主持全面工作</td></tr>"
                            + "<tr><td>郑雅琴</td><td>党组成员、副主任</td><td>分管疾病预防控制、卫生应急、爱国卫生</td></tr>"
                            + "<tr><td>何志远</td><td>党组成员、副主任</td><td>分管医政医管、药物政策、基层卫生</td></tr>"
                            + "<tr><td>罗晓东</td><td>党组成员、副主任</td><td>分管综合监督、财务、规划发展与信息化</td></tr></table>"),
            new Item("office", "tjxx", "2025年示范市卫生健康事业发展统计公报", "统计数据", "卫生健康", LocalDate.of(2026, 5, 18), null,
                    "2025年全市卫生资源、医疗服务、妇幼保健和人口健康主要指标。",
                    "<h2>一、卫生资源</h2><p>2025年末，全市医疗卫生机构3 882个，床位9.3万张，卫生技术人员12.9万人。</p>"
                            + "<h2>二、医疗服务</h2><p>全年总诊疗人次1.52亿，出院人数218万人，病床使用率82.6%。</p>"
                            + "<h2>三、居民健康</h2><p>户籍人口人均预期寿命82.9岁，孕产妇死亡率6.1/10万，婴儿死亡率1.9‰。</p>"),
            new Item("office", "tjxx", "2026年1—9月示范市医疗服务统计数据", "统计数据", "医疗服务", LocalDate.of(2026, 10, 20), null,
                    "2026年1—9月全市医疗机构诊疗人次、出院人数和病床使用率。",
                    "<p>2026年1—9月，全市医疗卫生机构总诊疗人次1.16亿，同比增长3.2%；出院人数167万人，同比增长2.4%；病床使用率81.9%。</p>"),
            new Item("office", "xzsyxsf", "示范市卫生健康委员会行政事业性收费项目目录", "名单名录", "财政资金", LocalDate.of(2026, 1, 12), null,
                    "本机关及所属单位执行的行政事业性收费项目、依据和标准。",
                    "<table><caption>行政事业性收费项目</caption><tr><th scope=\"col\">收费项目</th><th scope=\"col\">收费依据</th><th scope=\"col\">收费标准</th></tr>"
                            + "<tr><td>医疗事故技术鉴定费</td><td>《医疗事故处理条例》及省价格主管部门规定</td><td>首次鉴定每例3 000元</td></tr>"
                            + "<tr><td>预防接种异常反应鉴定费</td><td>《疫苗管理法》及省价格主管部门规定</td><td>每例3 000元</td></tr></table>"
                            + "<p>除上表所列项目外，本机关不收取其他行政事业性收费。依申请公开政府信息一般不收费。</p>"),
            new Item("office", "zfcg", "示范市卫生健康委员会2026年政府集中采购目录及实施情况", "其他", "财政资金", LocalDate.of(2026, 7, 15), null,
                    "2026年上半年政府集中采购项目、采购方式和执行情况。",
                    "<table><caption>2026年上半年政府集中采购项目</caption><tr><th scope=\"col\">项目名称</th><th scope=\"col\">采购方式</th><th scope=\"col\">预算金额（万元）</th><th scope=\"col\">执行情况</th></tr>"
                            + "<tr><td>全民健康信息平台运维服务</td><td>公开招标</td><td>480</td><td>已签订合同</td></tr>"
                            + "<tr><td>免疫规划冷链设备</td><td>公开招标</td><td>236</td><td>已验收</td></tr>"
                            + "<tr><td>办公设备</td><td>协议供货</td><td>38</td><td>已验收</td></tr></table>"),
            new Item("office", "zdjsxm", "示范市公共卫生临床中心（二期）建设项目批准和实施情况", "其他", "规划计划", LocalDate.of(2026, 6, 8),
                    null, "公共卫生临床中心二期项目的批准文件、建设内容、投资和进度。",
                    "<p>项目经市发展改革委批准（示发改投资〔2025〕88号），建设床位600张，总投资18.6亿元。</p>"
                            + "<p>实施情况：主体结构已封顶，计划于2027年6月竣工并投入使用。</p>"),
            new Item("office", "rsxx-zkly", "示范市卫生健康委员会直属事业单位2026年公开招聘工作人员公告", "公告", "机构人事",
                    LocalDate.of(2026, 4, 7), null, "直属事业单位公开招聘岗位、条件、报名方式和时间安排。",
                    "<p>根据《事业单位人事管理条例》，市卫生健康委直属事业单位公开招聘工作人员46名。</p>"
                            + "<p>报名时间：2026年4月20日至4月26日。报名方式：网上报名。咨询电话：0000-12345678。</p>"),
            new Item("office", "rsxx-zkly", "示范市卫生健康委员会直属事业单位2026年公开招聘拟聘用人员公示", "公示", "机构人事",
                    LocalDate.of(2026, 7, 2), null, "经考试、考察和体检，拟聘用人员名单公示，公示期7个工作日。",
                    "<p>经笔试、面试、考察和体检，拟聘用张*明等46人，现予公示。公示期间如有异议，请向市卫生健康委人事科反映。</p>"),
            new Item("office", "gkzd", "示范市卫生健康委员会政府信息公开工作制度", "其他", "政务公开", LocalDate.of(2025, 12, 1), null,
                    "主动公开、依申请公开、保密审查、发布协调和监督考核制度。",
                    "<h2>一、主动公开</h2><p>各科室按公开事项标准目录在信息形成或变更之日起20个工作日内公开。</p>"
                            + "<h2>二、依申请公开</h2><p>办公室统一受理，能当场答复的当场答复，不能当场答复的自收到申请之日起20个工作日内答复。</p>"
                            + "<h2>三、保密审查</h2><p>拟公开信息先审查后公开，经办科室初审，办公室复审。</p>"),
            new Item("clerk3", "jdzf-xzxk", "行政许可决定公示（2026年10月）", "公示", "卫生监督", LocalDate.of(2026, 10, 30), null,
                    "2026年10月作出的公共场所卫生许可、供水单位卫生许可决定（双公示）。",
                    "<p>依据“双公示”要求，自作出决定之日起7个工作日内公示。</p>"
                            + "<table><caption>2026年10月行政许可决定</caption><tr><th scope=\"col\">许可决定书文号</th><th scope=\"col\">行政相对人</th><th scope=\"col\">许可事项</th><th scope=\"col\">决定日期</th></tr>"
                            + "<tr><td>示卫公证字〔2026〕第0412号</td><td>示范市城东区某某宾馆</td><td>公共场所卫生许可</td><td>2026-10-22</td></tr>"
                            + "<tr><td>示卫水证字〔2026〕第0031号</td><td>示范市江滨水务有限公司</td><td>供水单位卫生许可</td><td>2026-10-27</td></tr></table>"),
            new Item("clerk2", "czzj-js", "示范市卫生健康委员会2025年部门决算", "统计数据", "财政资金", LocalDate.of(2026, 8, 20), null,
                    "2025年部门决算收支、“三公”经费决算及说明。",
                    "<p>2025年度收入合计5.36亿元，支出合计5.29亿元。“三公”经费支出42.8万元，比预算减少6.1万元。</p>"),
            new Item("clerk2", "ylzy-dqyp", "2026年第三季度短缺药品清单", "名单名录", "药品管理", LocalDate.of(2026, 10, 10), null,
                    "本市第三季度临床必需易短缺药品清单及应对措施。",
                    "<table><caption>2026年第三季度短缺药品清单</caption><tr><th scope=\"col\">药品通用名</th><th scope=\"col\">剂型</th><th scope=\"col\">应对措施</th></tr>"
                            + "<tr><td>注射用青霉素钠</td><td>注射剂</td><td>市级储备调剂</td></tr>"
                            + "<tr><td>去乙酰毛花苷注射液</td><td>注射剂</td><td>定点生产供应</td></tr></table>"),
            new Item("office", "ghjh", "示范市卫生健康事业发展“十五五”规划", "规划计划", "规划计划", LocalDate.of(2026, 2, 26), "示卫发〔2026〕6号",
                    "2026—2030年全市卫生健康事业发展的目标、任务和保障措施。",
                    "<h2>一、发展目标</h2><p>到2030年，人均预期寿命达到83.5岁，每千人口执业（助理）医师数达到3.9人。</p>"
                            + "<h2>二、主要任务</h2><p>完善公共卫生体系，推进优质医疗资源扩容和区域均衡布局，发展基层卫生。</p>"),
            new Item("office", "ghjh", "示范市卫生健康委员会2026年工作要点", "规划计划", "规划计划", LocalDate.of(2026, 1, 26), null,
                    "2026年全市卫生健康重点工作安排。",
                    "<p>2026年重点做好六方面工作：疾病预防控制、医疗服务提质、基层卫生、卫生监督、健康促进和信息化建设。</p>"),
            new Item("clerk", "ggws-yfjz", "示范市预防接种门诊名单及服务时间", "名单名录", "疾病防控", LocalDate.of(2026, 9, 1), null,
                    "全市预防接种门诊的地址、服务时间和咨询电话。",
                    "<table><caption>预防接种门诊</caption><tr><th scope=\"col\">门诊名称</th><th scope=\"col\">地址</th><th scope=\"col\">服务时间</th></tr>"
                            + "<tr><td>城东区社区卫生服务中心预防接种门诊</td><td>示范市城东区健康路8号</td><td>周二至周六 8:00—12:00</td></tr>"
                            + "<tr><td>江滨区妇幼保健院预防接种门诊</td><td>示范市江滨区滨江路66号</td><td>周一至周五 8:00—17:00</td></tr></table>"),
            new Item("clerk", "ggws-yfjz", "示范市2026年适龄儿童免疫规划疫苗接种程序", "通知", "疾病防控", LocalDate.of(2026, 3, 10), null,
                    "免疫规划疫苗的种类、接种年龄和注意事项。",
                    "<p>适龄儿童应按照国家免疫规划疫苗儿童免疫程序接种乙肝、卡介苗、脊灰、百白破、麻腮风、乙脑、流脑、甲肝等疫苗，免费接种。</p>"
                            + "<p>接种时请携带预防接种证，接种后留观30分钟。</p>"));

    private final ContentManagement content;
    private final IdentityManagement identity;
    private final WorkflowDemoData workflow;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    CatalogueDemoData(ContentManagement content, IdentityManagement identity, WorkflowDemoData workflow, JdbcTemplate jdbc, Clock clock) {
        this.content = content;
        this.identity = identity;
        this.workflow = workflow;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Not one transaction: each item commits before the workflow reads it. */
    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.queryForObject("select count(*) from edition where title = ?", Integer.class, ITEMS.get(0).title()) > 0
                || identity.principal("office").isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        for (Item item : ITEMS) {
            if (!item.writtenOn().isBefore(today)) {
                continue;
            }
            long edition;
            try {
                StaffPrincipal clerk = identity.principal(item.clerk()).orElseThrow();
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(clerk, null, clerk.getAuthorities()));
                long node = jdbc.queryForObject("select id from catalogue_node where code = ?", Long.class, item.column());
                EditionView draft = content.createDraft(new DraftInput(item.title(), item.number(), item.writtenOn(), item.summary(),
                        item.title().substring(0, Math.min(8, item.title().length())), node, item.topic(), item.genre(), "社会公众",
                        "主动公开", item.body(), null, false, false, List.of()), clerk);
                edition = draft.editionId();
            } finally {
                SecurityContextHolder.clearContext();
            }
            LocalDate published = item.writtenOn().plusDays(1);
            while (published.getDayOfWeek().getValue() > 5) {
                published = published.plusDays(1);
            }
            workflow.publishOn(edition, LocalDateTime.of(published.isBefore(today) ? published : item.writtenOn(), java.time.LocalTime.of(9, 30)));
        }
    }
}
