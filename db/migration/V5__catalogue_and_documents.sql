-- The 信息公开目录 (catalogue tree) and the documents with their editions (DESIGN.md §3).

create table catalogue_node (
    id                bigint generated always as identity primary key,
    code              varchar(40)  not null unique check (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    name              varchar(100) not null,
    parent_id         bigint references catalogue_node (id),
    position          int          not null default 0,
    description       text         not null default '',
    -- whether leadership approval (局领导审定) is required before publication
    approval_required boolean      not null default false,
    retired           boolean      not null default false,
    version           bigint       not null default 0
);
create index catalogue_node_parent_idx on catalogue_node (parent_id, position);

-- A document holds no state; its editions do. The public id is what URLs and QR codes use.
create table document (
    id            bigint generated always as identity primary key,
    public_id     varchar(16)  not null unique check (public_id ~ '^[a-z0-9]{8,16}$'),
    department_id bigint       not null references department (id),
    created_at    timestamptz  not null
);

create table edition (
    id                   bigint generated always as identity primary key,
    document_id          bigint       not null references document (id),
    number               int          not null check (number > 0),
    state                varchar(12)  not null check (state in ('DRAFT', 'SUBMITTED', 'REVIEWED', 'APPROVED', 'SCHEDULED',
                             'PUBLISHED', 'SUPERSEDED', 'RETURNED', 'WITHDRAWN', 'UNPUBLISHED', 'DISCARDED')),
    title                varchar(300) not null,
    document_number      varchar(100),
    written_on           date,
    summary              varchar(200),
    keywords             varchar(300),
    catalogue_node_id    bigint       not null references catalogue_node (id),
    topic                varchar(60),
    genre                varchar(60),
    audience             varchar(100),
    disclosure_attribute varchar(40)  not null default '主动公开',
    body_html            text         not null default '',
    change_note          text,
    minor_change         boolean      not null default false,
    emergency            boolean      not null default false,
    created_by           bigint       not null references staff_user (id),
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    version              bigint       not null default 0,
    unique (document_id, number)
);
-- at most one edition per document is being worked on
create unique index edition_one_open_per_document on edition (document_id)
    where state in ('DRAFT', 'SUBMITTED', 'REVIEWED', 'APPROVED', 'SCHEDULED', 'RETURNED');
create index edition_state_idx on edition (state);
create index edition_node_idx on edition (catalogue_node_id);
