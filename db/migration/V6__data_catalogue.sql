-- The standard 信息公开目录 of a municipal health commission (seed 003 and the national guidance for the health sector).
-- Codes are stable: URLs, feeds and printed QR codes use them.
insert into catalogue_node (code, name, parent_id, position, description, approval_required) values
 ('jgxx', '机构信息', null, 10, '机构职能、领导信息、内设机构、联系方式。', false),
 ('zcwj', '政策文件', null, 20, '本机关制定的规范性文件及其政策解读。', true),
 ('ghjh', '规划计划', null, 30, '卫生健康事业发展规划、年度工作计划。', true),
 ('ggws', '公共卫生', null, 40, '传染病疫情、预防接种、饮用水卫生等公共卫生信息。', false),
 ('jbyjjz', '疾病应急救助', null, 50, '疾病应急救助基金申请与救助个案公示。', false),
 ('jdzf', '监督执法', null, 60, '双随机一公开抽查计划与结果、行政许可、行政处罚、警示名单。', false),
 ('ylzy', '医疗资源', null, 70, '医疗卫生资源概况、医疗机构名录、短缺药品清单。', false),
 ('yjgl', '应急管理', null, 80, '应急预案、突发公共卫生事件信息。', false),
 ('jkcj', '健康促进', null, 90, '健康教育、爱国卫生运动、健康科普。', false),
 ('czzj', '财政资金', null, 100, '部门预算、决算及“三公”经费。', true),
 ('bszn', '办事指南', null, 110, '政务服务事项办事指南。', false),
 ('ndbg', '政府信息公开年报', null, 120, '政府信息公开工作年度报告。', true),
 ('gkzn', '公开指南', null, 130, '政府信息公开指南。', false);
insert into catalogue_node (code, name, parent_id, position, description, approval_required)
select c.code, c.name, p.id, c.position, c.description, c.approval from (values
 ('zcwj-gfxwj', '规范性文件', 'zcwj', 10, '本机关制定的行政规范性文件。', true),
 ('zcwj-zcjd', '政策解读', 'zcwj', 20, '与政策文件同步发布的解读材料。', true),
 ('ggws-crb', '传染病疫情', 'ggws', 10, '法定传染病疫情概况（每月）。', false),
 ('ggws-yfjz', '预防接种', 'ggws', 20, '预防接种门诊、免疫规划信息。', false),
 ('ggws-aefi', '疑似预防接种异常反应监测', 'ggws', 30, '疑似预防接种异常反应监测年度报告。', false),
 ('ggws-ysws', '饮用水卫生', 'ggws', 40, '生活饮用水水质监测（每季度）。', false),
 ('jbyjjz-jjsq', '基金申请', 'jbyjjz', 10, '疾病应急救助基金申请流程与结果。', false),
 ('jbyjjz-ga', '救助个案', 'jbyjjz', 20, '疾病应急救助个案公示（每半年，保护个人隐私）。', false),
 ('jdzf-sjs', '双随机抽查', 'jdzf', 10, '双随机一公开抽查计划与结果（每季度）。', false),
 ('jdzf-xzxk', '行政许可', 'jdzf', 20, '行政许可决定。', false),
 ('jdzf-xzcf', '行政处罚', 'jdzf', 30, '行政处罚决定（每季度）。', false),
 ('jdzf-jsmd', '警示名单', 'jdzf', 40, '监督检查警示名单。', false),
 ('ylzy-zygk', '资源概况', 'ylzy', 10, '医疗卫生机构、床位、人员数量。', false),
 ('ylzy-jgml', '医疗机构名录', 'ylzy', 20, '辖区医疗机构名录。', false),
 ('ylzy-dqyp', '短缺药品清单', 'ylzy', 30, '短缺药品清单。', false),
 ('czzj-ys', '预算', 'czzj', 10, '部门预算。', true),
 ('czzj-js', '决算', 'czzj', 20, '部门决算。', true)
) as c(code, name, parent, position, description, approval)
join catalogue_node p on p.code = c.parent;
