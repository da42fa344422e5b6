-- Loads :n published items straight into the public read model (public_document + publication_snapshot), with realistic
-- Chinese titles and bodies, for the benchmark. Usage: psql -v n=100000 -f src/bench/generate.sql <database>
-- Run against a database that Gongkai has migrated (start it once against that database first).
\set ON_ERROR_STOP on
\timing on

-- bench departments, each with its own credit code (index numbers stay unique across 1,000,000 items)
insert into department (name, short_name, credit_code)
select '基准测试科室' || g, '基准' || g, code
from (values (1, '11440100BENCH00014'), (2, '11440100BENCH00027'), (3, '11440100BENCH0003A'), (4, '11440100BENCH0004D'),
             (5, '11440100BENCH0005G'), (6, '11440100BENCH0006K'), (7, '11440100BENCH0007N'), (8, '11440100BENCH0008R'),
             (9, '11440100BENCH0009W'), (10, '11440100BENCH00102')) as d(g, code)
on conflict do nothing;

drop index if exists publication_snapshot_search_idx;
drop index if exists publication_snapshot_title_idx;
drop index if exists publication_snapshot_recent_idx;
drop index if exists publication_snapshot_keys_idx;
drop index if exists public_document_visible_idx;
drop index if exists publication_snapshot_department_idx;
drop index if exists publication_snapshot_title_department_idx;
drop index if exists publication_snapshot_topic_idx;
drop index if exists publication_snapshot_genre_idx;

create temporary table bench_words as select
  array['关于开展','关于做好','关于印发','关于公布','关于进一步加强','关于调整','关于公开征求','关于组织开展'] as verbs,
  array['基本公共卫生服务项目','家庭医生签约服务','医疗机构依法执业检查','生活饮用水卫生监测','职业健康检查机构备案',
        '爱国卫生运动','健康教育与健康促进','传染病疫情防控','医疗废物管理','母婴安全','老年健康服务','中医药服务能力提升',
        '院前医疗急救','无偿献血','公共场所卫生监督','学校卫生监督','放射诊疗许可校验','医师定期考核','护士执业注册',
        '短缺药品监测','药品集中带量采购','卫生应急演练','结核病防治','艾滋病防治','严重精神障碍患者管理'] as topics,
  array['工作的通知','实施方案','工作情况的报告','结果的公示','名单的公告','有关事项的通知','意见的通知','工作要点'] as tails,
  array['疾病预防控制科','医政医管科','基层卫生健康科','综合监督科','药物政策科','规划信息科','应急办公室','财务科'] as issuers,
  array['卫生健康','公共卫生','医疗服务','疾病防控','卫生监督','药品管理','应急管理','财政资金'] as topic_names,
  array['通知','公告','规范性文件','政策解读','工作动态','统计数据','名单名录','办事指南'] as genres,
  array['ggws','zcwj','jdzf','ylzy','jbyjjz','bszn','yjgl','czzj'] as codes,
  array['公共卫生','政策文件','监督执法','医疗资源','疾病应急救助','办事指南','应急管理','财政资金'] as code_names;

-- about 0.5 % of the items are about vaccines, as on a real commission site
create temporary table bench_items as
select g,
       'bench' || lpad(g::text, 8, '0') as document_id,
       (timestamptz '2016-01-01 09:00+08' + ((g::bigint * 7919) % 3900) * interval '1 day' + (g % 480) * interval '1 minute') as published_at,
       1 + (g % 10) as dept_no,
       case when g % 200 = 0 then '疫苗接种' else w.topics[1 + (g % array_length(w.topics, 1))] end as topic_phrase,
       w.*
from generate_series(1, :n) g cross join bench_words w;

insert into public_document (document_id, index_number, department_id, status, first_published_at, last_major_change_at)
select i.document_id,
       d.credit_code || '/' || extract(year from i.published_at at time zone 'Asia/Shanghai')::int || '-' ||
           lpad((row_number() over (partition by i.dept_no, extract(year from i.published_at at time zone 'Asia/Shanghai')
                                    order by i.g))::text, 5, '0'),
       d.id, 'LIVE', i.published_at, i.published_at
from bench_items i join department d on d.name = '基准测试科室' || i.dept_no
on conflict do nothing;

insert into publication_snapshot (document_id, edition_id, edition_number, published_at, title, document_number, written_on,
    summary, keywords, catalogue_code, catalogue_name, topic, genre, audience, disclosure_attribute,
    issuing_department_name, body_html, body_text, index_number)
select i.document_id, 900000000000 + i.g, 1, i.published_at,
       i.verbs[1 + (i.g % 8)] || '2026年' || i.topic_phrase || i.tails[1 + (i.g / 7 % 8)],
       '示卫' || i.topic_names[1 + (i.g % 8)] || '〔' || extract(year from i.published_at)::int || '〕' || (i.g % 300 + 1) || '号',
       (i.published_at - interval '5 days')::date,
       '为进一步做好' || i.topic_phrase || '工作，现将有关事项通知如下。',
       i.topic_phrase,
       i.codes[1 + (i.g % 8)], i.code_names[1 + (i.g % 8)], i.topic_names[1 + (i.g % 8)], i.genres[1 + (i.g / 3 % 8)],
       '社会公众', '主动公开', i.issuers[1 + (i.g % 8)],
       '<p>各区卫生健康局，委直属各单位：</p><p>为进一步做好' || i.topic_phrase || '工作，根据《中华人民共和国基本医疗卫生与健康促进法》等有关规定，结合本市实际，现将有关事项通知如下。</p><p>一、提高认识，加强组织领导。各单位要把' || i.topic_phrase || '作为重要民生工作，明确责任分工。</p><p>二、突出重点，抓好工作落实。要按照时间节点完成各项任务，确保工作质量。</p><p>三、加强督导，做好信息报送。请于每季度末将工作进展报送我委' || i.issuers[1 + (i.g % 8)] || '。</p>',
       '各区卫生健康局，委直属各单位：为进一步做好' || i.topic_phrase || '工作，根据《中华人民共和国基本医疗卫生与健康促进法》等有关规定，结合本市实际，现将有关事项通知如下。一、提高认识，加强组织领导。各单位要把' || i.topic_phrase || '作为重要民生工作，明确责任分工。二、突出重点，抓好工作落实。要按照时间节点完成各项任务，确保工作质量。三、加强督导，做好信息报送。请于每季度末将工作进展报送我委' || i.issuers[1 + (i.g % 8)] || '。',
       d.index_number
from bench_items i join public_document d on d.document_id = i.document_id
on conflict do nothing;

update public_document d set current_snapshot_id = s.id
from publication_snapshot s where s.document_id = d.document_id and d.document_id like 'bench%' and d.current_snapshot_id is null;

-- as in V33 and V35 (the normalised search columns and the bigram vector are generated by PostgreSQL at insert)
create index publication_snapshot_search_idx on publication_snapshot using gin (search_bigrams);
create index publication_snapshot_title_idx on publication_snapshot using gin (cjk_bigrams(search_title));
create index publication_snapshot_recent_idx on publication_snapshot (published_at desc, id) include (search_title);
create index publication_snapshot_keys_idx on publication_snapshot using gin (search_keys);
create index public_document_visible_idx on public_document (current_snapshot_id) include (first_published_at, validity)
    where status in ('LIVE', 'WITHDRAWN');
-- as in V49
create index publication_snapshot_department_idx on publication_snapshot (issuing_department_name, published_at desc, id)
    include (search_title);
create index publication_snapshot_topic_idx on publication_snapshot (topic, published_at desc, id) include (search_title);
create index publication_snapshot_genre_idx on publication_snapshot (genre, published_at desc, id) include (search_title);
-- as in V53
create index publication_snapshot_title_department_idx on publication_snapshot
    using gin (cjk_bigrams(search_title), (array[issuing_department_name::text]));
-- vacuum too, as autovacuum does in time on a live site: the visibility map lets search read its indexes alone
vacuum (analyze) public_document;
vacuum (analyze) publication_snapshot;
select count(*) as published_items from public_document where status = 'LIVE';
