-- The public read model (DESIGN.md §3): everything the public site, search, feeds, sitemap and exports may show, copied
-- at publication time, already sanitised and masked. Public pages read only these tables.

-- Chinese search: one lexeme per pair of adjacent characters, so a GIN index answers 2-character and longer substrings.
create function cjk_bigrams(t text) returns tsvector
    language sql immutable parallel safe strict as $$
    select array_to_tsvector(array(
        select distinct substr(lower(t), i, 2)
        from generate_series(1, greatest(length(t) - 1, 1)) i
        where substr(lower(t), i, 2) !~ '\s'))
$$;

-- 索引号 serials: one counter per department and year; the row lock of the upsert makes allocation safe under concurrency.
create table index_number_serial (
    department_id bigint not null references department (id),
    year          int    not null check (year between 2000 and 2999),
    last_serial   int    not null check (last_serial between 1 and 99999),
    primary key (department_id, year)
);

-- A published document as the public knows it: its index number, whether it is live, withdrawn (废止/失效, still shown
-- with a banner) or unpublished (gone; answers 410), and which snapshot is current.
create table public_document (
    document_id          varchar(40)  primary key,
    index_number         varchar(40)  not null unique,
    department_id        bigint       not null references department (id),
    status               varchar(12)  not null check (status in ('LIVE', 'WITHDRAWN', 'UNPUBLISHED')),
    current_snapshot_id  bigint,
    first_published_at   timestamptz  not null,
    last_major_change_at timestamptz  not null,
    validity             varchar(10)  not null default 'VALID' check (validity in ('VALID', 'REPEALED', 'EXPIRED')),
    validity_changed_on  date,
    withdrawal_reason    text,
    unpublished_at       timestamptz,
    unpublished_reason   text,
    version              bigint       not null default 0
);
create index public_document_status_idx on public_document (status);

-- One immutable row per published edition.
create table publication_snapshot (
    id                      bigint generated always as identity primary key,
    document_id             varchar(40)  not null references public_document (document_id),
    edition_id              bigint       not null unique,
    edition_number          int          not null check (edition_number > 0),
    published_at            timestamptz  not null,
    minor_change            boolean      not null default false,
    change_note             text,
    title                   varchar(300) not null,
    document_number         varchar(100),
    written_on              date,
    summary                 varchar(400),
    keywords                varchar(300),
    catalogue_code          varchar(60)  not null,
    catalogue_name          varchar(100) not null,
    topic                   varchar(60),
    genre                   varchar(60),
    audience                varchar(100),
    disclosure_attribute    varchar(40),
    issuing_department_name varchar(100) not null,
    emergency               boolean      not null default false,
    body_html               text         not null default '',
    body_text               text         not null default '',
    attachments             jsonb        not null default '[]',
    related                 jsonb        not null default '[]',
    tables                  jsonb        not null default '[]',
    unique (document_id, edition_number)
);
alter table public_document add constraint public_document_current_fk
    foreign key (current_snapshot_id) references publication_snapshot (id);

create index publication_snapshot_document_idx on publication_snapshot (document_id, published_at desc);
create index publication_snapshot_catalogue_idx on publication_snapshot (catalogue_code, published_at desc);
create index publication_snapshot_published_idx on publication_snapshot (published_at desc);
create index publication_snapshot_search_idx on publication_snapshot
    using gin (cjk_bigrams(title || ' ' || coalesce(summary, '') || ' ' || body_text));
create index publication_snapshot_title_idx on publication_snapshot using gin (cjk_bigrams(title));

create function publication_snapshot_is_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'publication_snapshot rows are immutable: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger publication_snapshot_immutable before update or delete on publication_snapshot
    for each row execute function publication_snapshot_is_immutable();

-- Published attachment bytes, by content hash, copied at publication so that drafts' files are never reachable publicly.
create table published_file (
    sha256     char(64)     primary key,
    media_type varchar(100) not null,
    size_bytes bigint       not null check (size_bytes >= 0),
    content    bytea        not null
);
