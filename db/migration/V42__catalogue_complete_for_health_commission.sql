-- The columns that 条例第二十条 and 国办公开办函〔2019〕61号 expect of a municipal health commission and that V6 lacked (#18):
-- 领导信息 (under 机构信息), 统计信息, 行政事业性收费, 政府采购, 重大建设项目, 人事信息 with 招考录用, and 政府信息公开制度.
-- Codes are stable (URLs, feeds and printed QR codes use them). Idempotent: a column that already exists is left alone.
insert into catalogue_node (code, name, parent_id, position, description, approval_required)
select c.code, c.name, null, c.position, c.description, c.approval from (values
 ('tjxx', '统计信息', 95, '卫生健康统计公报、统计数据（条例第二十条第七项）。', false),
 ('xzsyxsf', '行政事业性收费', 103, '行政事业性收费项目及其依据、标准（条例第二十条第八项）。', true),
 ('zfcg', '政府采购', 105, '政府集中采购项目的目录、标准及实施情况（条例第二十条第十项）。', true),
 ('zdjsxm', '重大建设项目', 107, '重大建设项目的批准和实施情况（条例第二十条第十二项）。', true),
 ('rsxx', '人事信息', 108, '公务员招考、事业单位公开招聘、任免信息（条例第二十条第九项）。', false),
 ('gkzd', '政府信息公开制度', 135, '本机关政府信息公开工作制度：主动公开、依申请公开、保密审查、发布协调。', false)
) as c(code, name, position, description, approval)
where not exists (select 1 from catalogue_node n where n.code = c.code);

insert into catalogue_node (code, name, parent_id, position, description, approval_required)
select c.code, c.name, p.id, c.position, c.description, c.approval from (values
 ('jgxx-ldxx', '领导信息', 'jgxx', 10, '领导姓名、职务、分工和简历（条例第二十条第一项）。', false),
 ('rsxx-zkly', '招考录用', 'rsxx', 10, '公务员考试录用、事业单位公开招聘的公告与结果。', false)
) as c(code, name, parent, position, description, approval)
join catalogue_node p on p.code = c.parent
where not exists (select 1 from catalogue_node n where n.code = c.code);
