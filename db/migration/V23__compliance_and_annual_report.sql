-- Reminders of due and missing periodic items, so that the daily job tells a department once per period and status.
create table compliance_reminder (
    matter_id bigint      not null references disclosure_matter (id),
    period    varchar(20) not null,
    status    varchar(10) not null check (status in ('UPCOMING', 'MISSING')),
    sent_on   date        not null,
    primary key (matter_id, period, status)
);

-- 政府信息公开工作年度报告 (国办公开办函〔2021〕30号): the texts and hand-entered figures of a year's report; the tallied figures
-- (normative documents, Table 3) are computed when the report is saved. The report itself is an edition under 政府信息公开年报.
create table annual_report (
    id         bigint generated always as identity primary key,
    year       int         not null unique check (year between 2000 and 2999),
    edition_id bigint      not null references edition (id),
    overview   text        not null default '',
    problems   text        not null default '',
    other      text        not null default '',
    figures    jsonb       not null default '{}',
    version    bigint      not null default 0,
    updated_by bigint      not null references staff_user (id),
    updated_at timestamptz not null
);
