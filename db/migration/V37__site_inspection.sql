-- 网站自查 (issue #20): the self-check against 《政府网站与政务新媒体检查指标》(国办秘函〔2019〕19号).

-- Column cadence. catalogue_node belongs to content, which reads and writes these columns (ColumnCadence); the self-check
-- only reads them through content's API.
alter table catalogue_node
    add column kind                 varchar(8)   not null default 'STATIC'
        check (kind in ('DYNAMIC', 'NEWS', 'NOTICE', 'POLICY', 'STATIC')),
    -- expected update interval in days; null: the default of the column's kind (an office threshold)
    add column update_interval_days int          check (update_interval_days between 1 and 3660),
    -- 本栏目暂无此类信息: a column left empty on purpose, with the reason shown on its public page
    add column intentionally_empty  boolean      not null default false,
    add column empty_reason         varchar(200),
    add constraint catalogue_node_empty_reason check (not intentionally_empty or length(trim(coalesce(empty_reason, ''))) > 0);

-- The self-check's thresholds: data the office may change, seeded with the indicators' figures.
create table inspection_threshold (
    key      varchar(40)  primary key,
    value    int          not null check (value between 0 and 100000),
    position int          not null,
    version  bigint       not null default 0
);
insert into inspection_threshold (key, value, position) values
    -- 栏目不更新：动态、要闻类栏目 2 周；通知公告、政策文件类 6 个月；其他应更新栏目（人事、规划计划等）1 年
    ('staleDaysDynamic', 14, 10),
    ('staleDaysNotice', 183, 20),
    ('staleDaysStatic', 365, 30),
    -- 累计超过（含）5 个未更新 / 应更新但长期未更新超过（含）10 个 / 空白栏目超过（含）5 个：单项否决
    ('staleColumnsVeto', 5, 40),
    ('longStaleColumnsVeto', 10, 50),
    ('blankColumnsVeto', 5, 60),
    -- 首页不更新：监测 2 周首页无信息更新
    ('homeStaleDays', 14, 70),
    -- 互动回应差：超过 3 个月未回应
    ('unansweredDays', 90, 80),
    -- the daily job reminds the column's department this many days before it goes stale
    ('remindDaysBefore', 3, 90),
    -- 政策解读：规范性文件发布后 3 个工作日内解读
    ('interpretationWorkingDays', 3, 100),
    -- 征集调查：征集结束后多少天内反馈
    ('feedbackDays', 30, 110);

-- One reminder per column and stale date: the daily job never repeats itself.
create table inspection_reminder (
    catalogue_code varchar(40) not null,
    stale_on       date        not null,
    sent_on        date        not null,
    primary key (catalogue_code, stale_on)
);

-- The link crawl: each link found on a public page (the page is a published document, or a portal page when document_id
-- is null) and the last answer of its target.
create table link_target (
    url          varchar(2000) primary key,
    external     boolean       not null,
    status       int,
    redirect_to  varchar(2000),
    error        varchar(200),
    checked_at   timestamptz
);
create table link_occurrence (
    page_path     varchar(300)  not null,
    document_id   varchar(40),
    department_id bigint,
    url           varchar(2000) not null references link_target (url) on delete cascade,
    source        varchar(12)   not null check (source in ('BODY', 'ATTACHMENT', 'PAGE')),
    primary key (page_path, url)
);
create index link_occurrence_url_idx on link_occurrence (url);
create index link_occurrence_document_idx on link_occurrence (document_id);

create table link_crawl (
    id          bigint generated always as identity primary key,
    started_at  timestamptz not null,
    finished_at timestamptz,
    pages       int         not null default 0,
    links       int         not null default 0,
    dead        int         not null default 0,
    home_status int
);

-- 严重错误: wrongly written names, titles and formal expressions and common wrong words that the text check flags before
-- publication. The office maintains the list; the seed is a neutral, factual start.
create table text_check_term (
    id         bigint generated always as identity primary key,
    wrong      varchar(60)  not null unique,
    correct    varchar(120) not null,
    category   varchar(12)  not null check (category in ('NAME', 'EXPRESSION', 'WORD')),
    active     boolean      not null default true
);
insert into text_check_term (wrong, correct, category) values
    ('中华人民供和国', '中华人民共和国', 'NAME'),
    ('中华人民共合国', '中华人民共和国', 'NAME'),
    ('中化人民共和国', '中华人民共和国', 'NAME'),
    ('中华人名共和国', '中华人民共和国', 'NAME'),
    ('中国共产觉', '中国共产党', 'NAME'),
    ('全国人民代表大合', '全国人民代表大会', 'NAME'),
    ('国家卫生建康委员会', '国家卫生健康委员会', 'NAME'),
    ('国家卫健委员会', '国家卫生健康委员会', 'NAME'),
    ('国务院办工厅', '国务院办公厅', 'NAME'),
    ('社会主义核心价值关', '社会主义核心价值观', 'EXPRESSION'),
    ('社会主意核心价值观', '社会主义核心价值观', 'EXPRESSION'),
    ('社会主义和心价值观', '社会主义核心价值观', 'EXPRESSION'),
    ('中国特色社会主意', '中国特色社会主义', 'EXPRESSION'),
    ('习近平新时代中国特色社会主义思相', '习近平新时代中国特色社会主义思想', 'EXPRESSION'),
    ('总书计', '总书记', 'NAME'),
    ('付市长', '副市长', 'NAME'),
    ('付局长', '副局长', 'NAME'),
    ('付主任', '副主任', 'NAME'),
    ('付书记', '副书记', 'NAME'),
    ('防碍', '妨碍', 'WORD'),
    ('既使', '即使', 'WORD'),
    ('按步就班', '按部就班', 'WORD'),
    ('再接再励', '再接再厉', 'WORD'),
    ('一愁莫展', '一筹莫展', 'WORD'),
    ('迫不急待', '迫不及待', 'WORD'),
    ('原形毕现', '原形毕露', 'WORD'),
    ('针贬', '针砭', 'WORD'),
    ('部署安拍', '部署安排', 'WORD'),
    ('疫情防空', '疫情防控', 'WORD'),
    ('传染病防制', '传染病防治', 'WORD'),
    ('予防接种', '预防接种', 'WORD'),
    ('卫生建康', '卫生健康', 'WORD');

-- A reviewer who passes an edition despite text-check flags records why (owned by workflow).
create table text_check_acceptance (
    edition_id  bigint      not null references edition (id),
    round       int         not null,
    flags       int         not null check (flags > 0),
    note        text        not null check (length(trim(note)) > 0),
    reviewer_id bigint      not null references staff_user (id),
    accepted_at timestamptz not null,
    primary key (edition_id, round)
);
