-- 政民互动 (questions and answers) and 满意度评价 (ratings), owned by org.gongkai.interaction (issue 17, points 2 and 4).

-- A citizen's question. The contact is kept for the office only and never shown publicly; the public question and answer
-- are copied into public_question / public_answer when a reviewer passes the answer, and only those are ever rendered.
create table question (
    id               bigint generated always as identity primary key,
    number           varchar(20)  not null unique,
    query_code_hash  varchar(100) not null,
    topic            varchar(20)  not null check (topic in ('MEDICAL', 'DISEASE', 'MATERNAL', 'SUPERVISION', 'POLICY', 'OTHER')),
    title            varchar(100) not null,
    body             varchar(2000) not null,
    asker_name       varchar(50),
    contact          varchar(100) not null,
    may_publish      boolean      not null,
    state            varchar(12)  not null check (state in ('RECEIVED', 'ASSIGNED', 'ANSWERED', 'RETURNED', 'REPLIED')),
    submitted_at     timestamptz  not null,
    received_on      date         not null,
    answer_days      int          not null check (answer_days between 1 and 60),
    department_id    bigint references department (id),
    assigned_at      timestamptz,
    answer           varchar(5000),
    answered_by      bigint,
    answered_at      timestamptz,
    answered_on      date,
    review_note      varchar(500),
    reviewed_by      bigint,
    reviewed_at      timestamptz,
    public_title     varchar(100),
    public_body      varchar(2000),
    public_answer    varchar(5000),
    published_at     timestamptz,
    related_document varchar(40),
    version          bigint       not null default 0,
    check (state <> 'REPLIED' or (answer is not null and reviewed_at is not null)),
    check (published_at is null or (may_publish and state = 'REPLIED' and public_answer is not null))
);
create index question_state_ix on question (state);
create index question_published_ix on question (published_at desc) where published_at is not null;
create index question_related_ix on question (related_document) where published_at is not null;

create table question_number_counter (
    year int primary key,
    last int not null
);

-- One reminder per question, kind and day (the daily run is idempotent).
create table question_notification (
    id            bigint generated always as identity primary key,
    question_id   bigint      not null references question (id),
    department_id bigint      not null references department (id),
    kind          varchar(10) not null check (kind in ('DUE_SOON', 'OVERDUE')),
    message       varchar(300) not null,
    created_on    date        not null,
    unique (question_id, kind, created_on)
);

-- 常见问题: curated by the office, usually from answered questions.
create table faq_entry (
    id                 bigint generated always as identity primary key,
    topic              varchar(20)   not null check (topic in ('MEDICAL', 'DISEASE', 'MATERNAL', 'SUPERVISION', 'POLICY', 'OTHER')),
    question           varchar(200)  not null,
    answer             varchar(5000) not null,
    source_question_id bigint references question (id),
    position           int           not null default 0,
    created_at         timestamptz   not null,
    version            bigint        not null default 0
);

-- Rate limits for the public forms: addresses only as salted hashes.
create table interaction_throttle (
    id         bigint generated always as identity primary key,
    scope      varchar(10) not null,
    client_key varchar(64) not null,
    at         timestamptz not null
);
create index interaction_throttle_ix on interaction_throttle (scope, client_key, at);

-- The salt of the address hashes, made once per installation and never shown.
create table interaction_secret (
    id   int primary key check (id = 1),
    salt varchar(64) not null
);
insert into interaction_secret (id, salt) values (1, md5(random()::text || clock_timestamp()::text) || md5(random()::text));

-- A rating of a public page: which target, what the reader chose, an optional comment (personal-data patterns masked before
-- it is stored), the column and department of the target when it was rated, and a salted hash of address and target that
-- allows one rating per address, target and period (no address is stored).
create table rating (
    id              bigint generated always as identity primary key,
    target_kind     varchar(10)  not null check (target_kind in ('ITEM', 'QUESTION')),
    target_id       varchar(40)  not null,
    target_title    varchar(300) not null,
    column_name     varchar(100) not null,
    department_name varchar(100) not null,
    score           varchar(12)  not null check (score in ('SATISFIED', 'PARTLY', 'UNSATISFIED')),
    comment         varchar(200),
    client_key      varchar(64)  not null,
    rated_at        timestamptz  not null,
    rated_on        date         not null
);
create index rating_guard_ix on rating (client_key, rated_at);
create index rating_on_ix on rating (rated_on);
