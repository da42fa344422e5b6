package org.gongkai.tables.internal;

import org.gongkai.tables.TableSeeding;
import static org.gongkai.tables.ColumnType.*;
import static org.gongkai.tables.PublicationRule.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gongkai.tables.TableColumn;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The table templates every installation starts with (reference data, seeded in every profile): the tabular items of the
 * commission's disclosure rules. Idempotent by name; a template changed in the console is left alone.
 */
@Component
@Order(5)
class TemplateSeeds implements ApplicationRunner {

    static final String RELIEF = TableSeeding.RELIEF;
    static final String INSPECTIONS = TableSeeding.INSPECTIONS;
    static final String PENALTIES = TableSeeding.PENALTIES;
    static final String RESOURCES = TableSeeding.RESOURCES;
    static final String INSTITUTIONS = TableSeeding.INSTITUTIONS;
    static final String SHORTAGES = TableSeeding.SHORTAGES;
    static final String WATER = TableSeeding.WATER;

    static final Map<String, String[]> DESCRIPTIONS = new LinkedHashMap<>();
    static final Map<String, List<TableColumn>> COLUMNS = new LinkedHashMap<>();

    static {
        // re-identification: masked name, ID and district together with disease, hospital and an exact admission date can
        // single a patient out; the admission date is therefore published as its month only (coarser column, #18)
        put(RELIEF, "疾病应急救助基金救助的个案，每半年公开一次；姓名、身份证号、电话、住址按规定脱敏，入院日期只公开到月，收款账号不公开。", List.of(
                TableColumn.of("name", "姓名", PERSON_NAME, true, MASK),
                TableColumn.of("gender", "性别", ENUM, true, SHOW, "男", "女"),
                TableColumn.of("id_number", "身份证号", ID_NUMBER, true, MASK),
                TableColumn.of("phone", "联系电话", PHONE, false, MASK),
                TableColumn.of("address", "住址", ADDRESS, false, MASK),
                TableColumn.of("disease", "疾病名称", TEXT, true, SHOW),
                TableColumn.of("hospital", "救治医疗机构", TEXT, true, SHOW),
                TableColumn.of("admitted_on", "入院日期", DATE, true, MASK),
                TableColumn.of("amount", "救助金额（元）", DECIMAL, true, SHOW),
                TableColumn.of("bank_account", "收款账号", BANK_ACCOUNT, false, HIDE),
                TableColumn.of("remark", "备注", TEXT, false, SHOW)));
        put(INSPECTIONS, "“双随机、一公开”监督抽查结果，抽查结束后20个工作日内公开。", List.of(
                TableColumn.of("unit", "被检查单位", TEXT, true, SHOW),
                TableColumn.of("credit_code", "统一社会信用代码", CREDIT_CODE, false, SHOW),
                TableColumn.of("legal_rep", "法定代表人（负责人）", PERSON_NAME, false, MASK),
                TableColumn.of("unit_address", "单位地址", TEXT, false, SHOW),
                TableColumn.of("matter", "抽查事项", ENUM, true, SHOW, "公共场所卫生", "生活饮用水卫生", "医疗机构依法执业",
                        "学校卫生", "职业卫生", "放射卫生", "传染病防治", "消毒产品"),
                TableColumn.of("checked_on", "检查日期", DATE, true, SHOW),
                TableColumn.of("result", "检查结果", ENUM, true, SHOW, "未发现问题", "发现问题已责令整改", "发现问题已立案查处", "已关闭或停业"),
                TableColumn.of("handling", "处理情况", TEXT, false, SHOW)));
        put(PENALTIES, "行政处罚决定信息，作出决定之日起7个工作日内公开；自然人的身份证号不公开。", List.of(
                TableColumn.of("decision_no", "行政处罚决定书文号", TEXT, true, SHOW),
                TableColumn.of("party", "当事人名称", TEXT, true, SHOW),
                TableColumn.of("credit_code", "统一社会信用代码", CREDIT_CODE, false, SHOW),
                TableColumn.of("legal_rep", "法定代表人（负责人）", PERSON_NAME, false, SHOW),
                TableColumn.of("id_number", "身份证号（自然人）", ID_NUMBER, false, HIDE),
                TableColumn.of("violation", "主要违法事实", TEXT, true, SHOW),
                TableColumn.of("basis", "处罚依据", TEXT, true, SHOW),
                TableColumn.of("penalty", "处罚种类", ENUM, true, SHOW, "警告", "罚款", "没收违法所得", "警告并罚款",
                        "暂停执业活动", "吊销执业许可证"),
                TableColumn.of("fine", "罚款金额（元）", DECIMAL, false, SHOW),
                TableColumn.of("decided_on", "处罚决定日期", DATE, true, SHOW),
                TableColumn.of("authority", "处罚机关", TEXT, true, SHOW)));
        put(RESOURCES, "辖区医疗卫生资源总量：机构、床位、人员数，按年度公开。", List.of(
                TableColumn.of("year", "年份", INTEGER, true, SHOW),
                TableColumn.of("institutions", "医疗卫生机构数（个）", INTEGER, true, SHOW),
                TableColumn.of("hospitals", "其中：医院（个）", INTEGER, false, SHOW),
                TableColumn.of("beds", "床位数（张）", INTEGER, true, SHOW),
                TableColumn.of("health_workers", "卫生技术人员（人）", INTEGER, true, SHOW),
                TableColumn.of("doctors", "执业（助理）医师（人）", INTEGER, false, SHOW),
                TableColumn.of("beds_per_1000", "每千人口床位数（张）", DECIMAL, true, SHOW),
                TableColumn.of("doctors_per_1000", "每千人口执业（助理）医师数（人）", DECIMAL, false, SHOW)));
        put(INSTITUTIONS, "辖区医疗机构基本信息：名称、类别、等级、地址和咨询电话。", List.of(
                TableColumn.of("name", "机构名称", TEXT, true, SHOW),
                TableColumn.of("credit_code", "统一社会信用代码", CREDIT_CODE, false, SHOW),
                TableColumn.of("category", "机构类别", ENUM, true, SHOW, "综合医院", "中医医院", "专科医院", "妇幼保健院",
                        "社区卫生服务中心", "乡镇卫生院", "疾病预防控制中心", "门诊部", "诊所"),
                TableColumn.of("level", "医院等级", ENUM, false, SHOW, "三级甲等", "三级", "二级甲等", "二级", "一级", "未定级"),
                TableColumn.of("ownership", "经营性质", ENUM, true, SHOW, "公立", "民营"),
                TableColumn.of("address", "地址", TEXT, true, SHOW),
                TableColumn.of("hotline", "咨询电话", TEXT, false, SHOW),
                TableColumn.of("beds", "核定床位（张）", INTEGER, false, SHOW)));
        put(SHORTAGES, "国家和省级短缺药品（含临床必需易短缺药品）清单及应对措施。", List.of(
                TableColumn.of("drug", "药品通用名", TEXT, true, SHOW),
                TableColumn.of("form", "剂型", TEXT, true, SHOW),
                TableColumn.of("strength", "规格", TEXT, true, SHOW),
                TableColumn.of("category", "类别", ENUM, true, SHOW, "临床必需易短缺药品", "短缺药品"),
                TableColumn.of("manufacturer", "生产企业", TEXT, false, SHOW),
                TableColumn.of("measures", "应对措施", TEXT, false, SHOW),
                TableColumn.of("listed_on", "列入日期", DATE, true, SHOW)));
        put(WATER, "城镇集中式供水水质监测结果，按季度公开。", List.of(
                TableColumn.of("site", "监测点", TEXT, true, SHOW),
                TableColumn.of("site_type", "水样类型", ENUM, true, SHOW, "水源水", "出厂水", "末梢水", "二次供水"),
                TableColumn.of("district", "所在区", TEXT, true, SHOW),
                TableColumn.of("sampled_on", "采样日期", DATE, true, SHOW),
                TableColumn.of("tested", "检测指标（项）", INTEGER, true, SHOW),
                TableColumn.of("passed", "合格指标（项）", INTEGER, true, SHOW),
                TableColumn.of("result", "评价结果", ENUM, true, SHOW, "合格", "不合格"),
                TableColumn.of("exceeded", "超标指标", TEXT, false, SHOW)));
    }

    private static void put(String name, String description, List<TableColumn> columns) {
        org.gongkai.tables.TableTemplates.checkColumns(columns);
        DESCRIPTIONS.put(name, new String[] {description});
        COLUMNS.put(name, columns);
    }

    private final TableStore store;

    TemplateSeeds(TableStore store) {
        this.store = store;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        COLUMNS.forEach((name, columns) -> {
            if (store.templateIdByName(name).isEmpty()) {
                long id = store.insertTemplate(name, DESCRIPTIONS.get(name)[0]);
                store.insertVersion(id, 1, columns);
            }
        });
    }
}
