-- Tabular disclosures: named, versioned column sets (templates) and data tables with typed rows.
create table table_template (
    id          bigint generated always as identity primary key,
    name        varchar(100) not null unique,
    description varchar(500) not null default '',
    created_at  timestamptz  not null default now()
);

-- A version's columns never change once a data table uses it; editing then creates the next version.
create table table_template_version (
    id          bigint generated always as identity primary key,
    template_id bigint       not null references table_template (id),
    version_no  int          not null check (version_no >= 1),
    columns     jsonb        not null check (jsonb_typeof(columns) = 'array'),
    created_at  timestamptz  not null default now(),
    unique (template_id, version_no)
);

-- A table belongs to an owner: STANDALONE (console only) now, EDITION (an edition of a document) once editions exist.
create table data_table (
    id                  bigint generated always as identity primary key,
    template_version_id bigint       not null references table_template_version (id),
    owner_type          varchar(20)  not null check (owner_type in ('STANDALONE', 'EDITION')),
    owner_id            bigint,
    department_id       bigint       not null references department (id),
    caption             varchar(200) not null,
    cadence             varchar(20)  not null check (cadence in ('MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY', 'IRREGULAR')),
    chart               jsonb,
    version             bigint       not null default 0,
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    check ((owner_type = 'STANDALONE') = (owner_id is null))
);
create index data_table_department_idx on data_table (department_id);
create index data_table_owner_idx on data_table (owner_type, owner_id);

-- Row values keyed by column key, normalised by the column type (dates yyyy-MM-dd, numbers plain).
create table data_table_row (
    id       bigint generated always as identity primary key,
    table_id bigint not null references data_table (id) on delete cascade,
    position int    not null,
    cells    jsonb  not null check (jsonb_typeof(cells) = 'object'),
    unique (table_id, position)
);
