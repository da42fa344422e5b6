-- Code lists as data that SYSADMIN edits: 主题分类, 体裁分类, 服务对象, 公开属性.
create table code_item (
    id        bigint generated always as identity primary key,
    list      varchar(20)  not null check (list in ('TOPIC', 'GENRE', 'AUDIENCE', 'ATTRIBUTE')),
    value     varchar(60)  not null,
    note      varchar(200) not null default '',
    position  int          not null default 0,
    active    boolean      not null default true,
    unique (list, value)
);
insert into code_item (list, value, position) values
 ('TOPIC', '卫生健康', 10), ('TOPIC', '公共卫生', 20), ('TOPIC', '医疗服务', 30), ('TOPIC', '疾病防控', 40), ('TOPIC', '卫生监督', 50),
 ('TOPIC', '药品管理', 60), ('TOPIC', '应急管理', 70), ('TOPIC', '财政资金', 80), ('TOPIC', '机构人事', 90), ('TOPIC', '综合政务', 100),
 ('GENRE', '通知', 10), ('GENRE', '公告', 20), ('GENRE', '公示', 30), ('GENRE', '规范性文件', 40), ('GENRE', '政策解读', 50),
 ('GENRE', '工作动态', 60), ('GENRE', '统计数据', 70), ('GENRE', '名单名录', 80), ('GENRE', '办事指南', 90), ('GENRE', '年度报告', 100),
 ('GENRE', '应急信息', 110), ('GENRE', '规划计划', 120), ('GENRE', '其他', 130),
 ('AUDIENCE', '社会公众', 10), ('AUDIENCE', '医疗机构', 20), ('AUDIENCE', '企业', 30), ('AUDIENCE', '患者', 40), ('AUDIENCE', '老年人', 50),
 ('AUDIENCE', '儿童及家长', 60);
insert into code_item (list, value, note, position) values
 ('ATTRIBUTE', '主动公开', '条例第十九条、第二十条', 10),
 ('ATTRIBUTE', '依申请公开', '条例第二十七条', 20),
 ('ATTRIBUTE', '不予公开', '条例第十四条至第十六条：国家秘密、法律法规禁止公开、危及安全稳定、内部事务、过程性信息等', 30);
