-- 公开事项标准目录 (DisclosureMatter): what must be disclosed, by whom, how and when; compliance is tracked from the cadence.
create table disclosure_matter (
    id                        bigint generated always as identity primary key,
    name                      varchar(100) not null unique,
    legal_basis               text         not null,
    content                   text         not null,
    responsible_department_id bigint       not null references department (id),
    time_limit                varchar(100) not null,
    time_limit_working_days   int          check (time_limit_working_days between 1 and 60),
    methods                   varchar(200) not null,
    level                     varchar(20)  not null check (level in ('区', '街道', '社区', '市')),
    stage                     varchar(4)   not null check (stage in ('决策', '执行', '管理', '服务', '结果')),
    cadence                   varchar(16)  not null check (cadence in ('ONCE', 'MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY', 'ON_OCCURRENCE')),
    version                   bigint       not null default 0
);
alter table catalogue_node add column disclosure_matter_id bigint references disclosure_matter (id);

-- The standard list of a health commission is demo data (org.gongkai.content.internal.DisclosureMatterDemoData): it names departments.
