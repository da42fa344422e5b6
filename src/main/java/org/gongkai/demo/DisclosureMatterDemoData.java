package org.gongkai.demo;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The standard list of disclosure matters (公开事项标准目录) of a health commission, for the demo departments. Idempotent. */
@Component
@Profile("demo")
@Order(15)
class DisclosureMatterDemoData implements ApplicationRunner {

    private final JdbcTemplate jdbc;

    DisclosureMatterDemoData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        jdbc.update("""
insert into disclosure_matter (name, legal_basis, content, responsible_department_id, time_limit, time_limit_working_days, methods, level, stage, cadence)
select m.name, m.basis, m.content, d.id, m.time_limit, m.days, m.methods, m.level, m.stage, m.cadence from (values
 ('法定传染病疫情', '《中华人民共和国传染病防治法》第三十八条', '本行政区域法定传染病发病、死亡情况', '疾病预防控制科', '每月结束后10个工作日内', 10, '网站、公示栏', '市', '结果', 'MONTHLY'),
 ('预防接种门诊及服务信息', '《中华人民共和国疫苗管理法》第四十五条', '预防接种门诊名单、地址、服务时间、免疫程序', '疾病预防控制科', '信息形成或变更之日起20个工作日内', 20, '网站、公示栏、二维码', '区', '服务', 'ON_OCCURRENCE'),
 ('疑似预防接种异常反应监测情况', '《中华人民共和国疫苗管理法》第五十四条', '年度疑似预防接种异常反应监测报告', '疾病预防控制科', '每年一季度', null, '网站', '市', '结果', 'YEARLY'),
 ('生活饮用水水质监测结果', '《生活饮用水卫生监督管理办法》', '城镇集中式供水水质监测结果', '疾病预防控制科', '每季度结束后20个工作日内', 20, '网站、电子屏', '市', '结果', 'QUARTERLY'),
 ('疾病应急救助个案', '《国务院办公厅关于建立疾病应急救助制度的指导意见》', '救助个案（保护个人隐私）', '医政医管科', '每半年结束后20个工作日内', 20, '网站、公示栏', '市', '结果', 'HALF_YEARLY'),
 ('医疗机构名录', '《医疗机构管理条例》', '医疗机构名称、地址、类别、诊疗科目', '医政医管科', '信息形成或变更之日起20个工作日内', 20, '网站、政务服务大厅、二维码', '区', '服务', 'ON_OCCURRENCE'),
 ('医疗卫生资源概况', '《中华人民共和国政府信息公开条例》第二十条', '医疗卫生机构、床位、人员数量', '医政医管科', '每年6月底前', null, '网站', '市', '结果', 'YEARLY'),
 ('双随机抽查结果', '《国务院办公厅关于推广随机抽查规范事中事后监管的通知》', '抽查计划、抽查结果及处理情况', '综合监督科（卫生监督所）', '抽查结束之日起20个工作日内', 20, '网站、公示栏', '区', '结果', 'QUARTERLY'),
 ('行政处罚决定', '《中华人民共和国行政处罚法》第四十八条', '具有一定社会影响的行政处罚决定', '综合监督科（卫生监督所）', '作出决定之日起7个工作日内', 7, '网站', '区', '结果', 'QUARTERLY'),
 ('短缺药品清单', '《国务院办公厅关于进一步做好短缺药品保供稳价工作的意见》', '短缺药品名称、规格、替代品种', '药物政策与基本药物制度科', '每季度', null, '网站', '市', '管理', 'QUARTERLY'),
 ('规范性文件及政策解读', '《中华人民共和国政府信息公开条例》第二十条；政策解读与文件同步发布', '本机关规范性文件及解读材料', '办公室', '文件印发之日起20个工作日内，解读3个工作日内', 20, '网站、公报', '市', '决策', 'ON_OCCURRENCE'),
 ('部门预算、决算', '《中华人民共和国预算法》第十四条', '部门预算、决算及“三公”经费', '财务科', '批复后20日内', null, '网站', '市', '结果', 'YEARLY'),
 ('政府信息公开工作年度报告', '《中华人民共和国政府信息公开条例》第四十九条、第五十条', '上一年度政府信息公开工作情况', '办公室', '每年1月31日前', null, '网站', '市', '结果', 'YEARLY')
) as m(name, basis, content, department, time_limit, days, methods, level, stage, cadence)
join department d on d.name = m.department
on conflict (name) do nothing
""");
        jdbc.update("""
                update catalogue_node n set disclosure_matter_id = m.id from disclosure_matter m
                where n.disclosure_matter_id is null and (n.code, m.name) in (('ggws-crb', '法定传染病疫情'), ('ggws-yfjz', '预防接种门诊及服务信息'),
                    ('ggws-aefi', '疑似预防接种异常反应监测情况'), ('ggws-ysws', '生活饮用水水质监测结果'), ('jbyjjz-ga', '疾病应急救助个案'),
                    ('ylzy-jgml', '医疗机构名录'), ('ylzy-zygk', '医疗卫生资源概况'), ('jdzf-sjs', '双随机抽查结果'), ('jdzf-xzcf', '行政处罚决定'),
                    ('ylzy-dqyp', '短缺药品清单'), ('zcwj-gfxwj', '规范性文件及政策解读'), ('czzj', '部门预算、决算'), ('ndbg', '政府信息公开工作年度报告'))""");
        jdbc.update("""
                update disclosure_matter set yearly_due = d.due from (values ('疑似预防接种异常反应监测情况', '03-31'),
                    ('医疗卫生资源概况', '06-30'), ('政府信息公开工作年度报告', '01-31')) as d(name, due)
                where disclosure_matter.name = d.name and yearly_due is null""");
    }
}
