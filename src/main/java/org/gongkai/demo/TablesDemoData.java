package org.gongkai.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gongkai.identity.IdentityManagement;
import org.gongkai.support.CreditCode;
import org.gongkai.tables.Cadence;
import org.gongkai.tables.ChartConfig;
import org.gongkai.tables.TableSeeding;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo tables of the seed templates (standalone until editions exist): relief cases of invented people with valid ID
 * numbers, so masking is visible; medical resources 2021–2025 with a chart; inspections, penalties, water quality and the
 * institution directory. Idempotent by caption.
 */
@Component
@Profile("demo")
@Order(40)
class TablesDemoData implements ApplicationRunner {

    static final String RELIEF_CAPTION = "2025年下半年疾病应急救助个案";
    static final String RESOURCES_CAPTION = "医疗卫生资源概况（2021—2025年）";

    private final TableSeeding seeding;
    private final IdentityManagement identity;

    TablesDemoData(TableSeeding seeding, IdentityManagement identity) {
        this.seeding = seeding;
        this.identity = identity;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        Map<String, Long> departments = new LinkedHashMap<>();
        identity.departmentNames().forEach((id, name) -> departments.put(name, id));
        Long medical = departments.get("医政医管科");
        Long supervision = departments.get("综合监督科（卫生监督所）");
        Long disease = departments.get("疾病预防控制科");
        if (medical == null || supervision == null || disease == null) {
            return;
        }
        table(medical, TableSeeding.RELIEF, RELIEF_CAPTION, Cadence.HALF_YEARLY, reliefCases(), null);
        table(medical, TableSeeding.RESOURCES, RESOURCES_CAPTION, Cadence.YEARLY, resources(),
                new ChartConfig(ChartConfig.Type.BAR, "year", List.of("beds_per_1000", "doctors_per_1000")));
        table(medical, TableSeeding.INSTITUTIONS, "医疗机构名录（二级及以上医院）", Cadence.IRREGULAR, institutions(), null);
        table(supervision, TableSeeding.INSPECTIONS, "2026年第一季度“双随机、一公开”抽查结果", Cadence.QUARTERLY, inspections(), null);
        table(supervision, TableSeeding.PENALTIES, "2026年行政处罚决定信息", Cadence.IRREGULAR, penalties(), null);
        table(disease, TableSeeding.WATER, "2026年第一季度城镇集中式供水水质监测结果", Cadence.QUARTERLY, water(), null);
    }

    private void table(long department, String template, String caption, Cadence cadence, List<Map<String, String>> rows,
                       ChartConfig chart) {
        // the workflow demo attaches some of these to published items: the caption is looked for under any owner
        seeding.standaloneTable(department, template, caption, cadence, rows, chart);
    }

    private static Map<String, String> row(String... keysAndValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    static List<Map<String, String>> reliefCases() {
        Random random = new Random(20251231L);
        String[][] cases = {{"急性心肌梗死", "示范市第一人民医院"}, {"重型颅脑损伤", "示范医学院附属第二医院"},
                {"多发性创伤", "示范市南方医院"}, {"急性重症胰腺炎", "示范大学附属第三医院"}, {"脑出血", "示范市红十字会医院"},
                {"急性呼吸衰竭", "示范市第八人民医院"}, {"消化道大出血", "示范省第二人民医院"}, {"重度烧伤", "示范市第一人民医院"}};
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int district = random.nextInt(SyntheticPeople.districts());
            String id = SyntheticPeople.idNumber18(random, district);
            String gender = (id.charAt(16) - '0') % 2 == 1 ? "男" : "女";
            String[] c = cases[random.nextInt(cases.length)];
            LocalDate admitted = LocalDate.of(2025, 7, 1).plusDays(random.nextInt(180));
            BigDecimal amount = BigDecimal.valueOf(3000 + random.nextInt(47000)).setScale(2);
            rows.add(row("name", SyntheticPeople.name(random), "gender", gender, "id_number", id,
                    "phone", random.nextInt(6) == 0 ? "" : SyntheticPeople.mobile(random),
                    "address", SyntheticPeople.address(random, district), "disease", c[0], "hospital", c[1],
                    "admitted_on", admitted.toString(), "amount", amount.toPlainString(),
                    "bank_account", SyntheticPeople.bankCard(random), "remark", i % 7 == 3 ? "身份不明患者，由救治医院申请" : ""));
        }
        return rows;
    }

    static List<Map<String, String>> resources() {
        String[][] data = {
                {"2021", "5218", "278", "98560", "152300", "56210", "5.24", "2.99"},
                {"2022", "5302", "283", "101240", "158900", "58830", "5.36", "3.11"},
                {"2023", "5389", "287", "104870", "165420", "61370", "5.51", "3.22"},
                {"2024", "5461", "291", "108350", "171960", "63950", "5.66", "3.34"},
                {"2025", "5527", "296", "111920", "178300", "66420", "5.82", "3.45"}};
        List<Map<String, String>> rows = new ArrayList<>();
        for (String[] d : data) {
            rows.add(row("year", d[0], "institutions", d[1], "hospitals", d[2], "beds", d[3], "health_workers", d[4],
                    "doctors", d[5], "beds_per_1000", d[6], "doctors_per_1000", d[7]));
        }
        return rows;
    }

    private static String code(String first8, int n) {
        return CreditCode.complete(first8 + "MA5" + String.format("%06d", n)).value();
    }

    static List<Map<String, String>> institutions() {
        String[][] data = {
                {"示范市第一人民医院", "12440100455353700", "综合医院", "三级甲等", "公立", "示范市城中区盘福路1号", "020-81048888", "2400"},
                {"示范市红十字会医院", "12440100455353719", "综合医院", "三级甲等", "公立", "示范市江南区同福中路396号", "020-34403333", "1200"},
                {"示范市中医医院", "12440100455353727", "中医医院", "三级甲等", "公立", "示范市城西区珠玑路16号", "020-81226266", "1100"},
                {"示范市妇女儿童医疗中心", "12440100455353735", "妇幼保健院", "三级甲等", "公立", "示范市城东区金桥路9号", "020-38076000", "1900"},
                {"示范市南湖区中心医院", "12440113455353743", "综合医院", "三级甲等", "公立", "示范市南湖区桥南街福愉东路8号", "020-34858888", "1800"},
                {"示范和睦家医院", "914401065554001000".substring(0, 17), "综合医院", "二级", "民营", "示范市城东区珠江新城华夏路8号", "020-29875400", "150"}};
        List<Map<String, String>> rows = new ArrayList<>();
        for (String[] d : data) {
            rows.add(row("name", d[0], "credit_code", CreditCode.complete(d[1]).value(), "category", d[2], "level", d[3],
                    "ownership", d[4], "address", d[5], "hotline", d[6], "beds", d[7]));
        }
        return rows;
    }

    static List<Map<String, String>> inspections() {
        String[][] data = {
                {"示范市城中区悦华酒店有限公司", "公共场所卫生", "2026-01-12", "未发现问题", "", "林志华"},
                {"示范市北山区金沙洲游泳馆", "公共场所卫生", "2026-01-18", "发现问题已责令整改", "泳池水游离性余氯不合格，已责令整改并复查合格", "陈冠宇"},
                {"示范市城东区清源二次供水设施管理站", "生活饮用水卫生", "2026-02-03", "未发现问题", "", "欧阳建华"},
                {"示范江南康乐门诊部", "医疗机构依法执业", "2026-02-10", "发现问题已立案查处", "使用非卫生技术人员从事医疗卫生技术工作，已立案", "黄淑珍"},
                {"示范市第七十五中学", "学校卫生", "2026-02-26", "未发现问题", "", "梁国栋"},
                {"示范市南湖区宏达五金制品厂", "职业卫生", "2026-03-05", "发现问题已责令整改", "未按规定组织职业健康检查，已责令限期改正", "司马文博"},
                {"示范市港湾区美丽人生美容院", "消毒产品", "2026-03-11", "已关闭或停业", "经营场所已关闭", "曾嘉怡"},
                {"示范市城西区口腔诊所（示范）", "放射卫生", "2026-03-20", "未发现问题", "", "许德华"}};
        List<Map<String, String>> rows = new ArrayList<>();
        int n = 1;
        for (String[] d : data) {
            rows.add(row("unit", d[0], "credit_code", code("91440101", 1000 + n++), "legal_rep", d[5],
                    "unit_address", "示范市" + d[0].substring(3, 6), "matter", d[1], "checked_on", d[2], "result", d[3], "handling", d[4]));
        }
        return rows;
    }

    static List<Map<String, String>> penalties() {
        String[][] data = {
                {"示卫监罚〔2026〕3号", "示范江南康乐门诊部", "黄淑珍", "使用非卫生技术人员从事医疗卫生技术工作", "《医疗机构管理条例》第四十七条", "警告并罚款", "30000", "2026-03-02"},
                {"示卫监罚〔2026〕7号", "示范市北山区金沙洲游泳馆", "陈冠宇", "泳池水质复查仍不符合卫生标准", "《公共场所卫生管理条例实施细则》第三十六条", "罚款", "5000", "2026-03-16"},
                {"示卫监罚〔2026〕9号", "示范市南湖区宏达五金制品厂", "司马文博", "未按照规定组织劳动者进行职业健康检查", "《中华人民共和国职业病防治法》第七十一条", "警告并罚款", "50000", "2026-03-27"},
                {"示卫监罚〔2026〕12号", "示范城东雅美医疗美容门诊部", "方子涵", "超出登记的诊疗科目范围开展医疗美容服务", "《医疗机构管理条例》第四十六条", "罚款", "20000", "2026-04-08"}};
        List<Map<String, String>> rows = new ArrayList<>();
        int n = 1;
        for (String[] d : data) {
            rows.add(row("decision_no", d[0], "party", d[1], "credit_code", code("92440106", 2000 + n++), "legal_rep", d[2],
                    "id_number", "", "violation", d[3], "basis", d[4], "penalty", d[5], "fine", d[6], "decided_on", d[7],
                    "authority", "示范市卫生健康委员会"));
        }
        return rows;
    }

    static List<Map<String, String>> water() {
        String[][] data = {
                {"西村水厂", "出厂水", "城西区", "2026-01-15", "43", "43", "合格", ""},
                {"石门水厂", "出厂水", "北山区", "2026-01-15", "43", "43", "合格", ""},
                {"江村水厂", "出厂水", "北山区", "2026-01-16", "43", "43", "合格", ""},
                {"城东区体育西路末梢水监测点", "末梢水", "城东区", "2026-02-11", "43", "43", "合格", ""},
                {"江南区江南西路二次供水监测点", "二次供水", "江南区", "2026-02-12", "43", "42", "不合格", "菌落总数"},
                {"北江石角取水口", "水源水", "清远市（取水点）", "2026-03-09", "109", "109", "合格", ""}};
        List<Map<String, String>> rows = new ArrayList<>();
        for (String[] d : data) {
            rows.add(row("site", d[0], "site_type", d[1], "district", d[2], "sampled_on", d[3], "tested", d[4], "passed", d[5],
                    "result", d[6], "exceeded", d[7]));
        }
        return rows;
    }
}
