-- Information-disclosure requests (依申请公开) and the working-day calendar their statutory clock runs on.

-- Dates that differ from the Monday–Friday rule: public holidays and 调休 weekend working days (State Council arrangement).
create table calendar_day (
    day  date        primary key,
    kind varchar(10) not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name varchar(50) not null
);

create table request_number_counter (
    year int primary key,
    last int not null check (last >= 0)
);

create table info_request (
    id                    bigint generated always as identity primary key,
    number                varchar(20)  not null unique,
    query_code_hash       varchar(100) not null,
    channel               varchar(10)  not null check (channel in ('WEB', 'LETTER', 'IN_PERSON', 'FAX', 'EMAIL')),
    applicant_kind        varchar(12)  not null check (applicant_kind in ('PERSON', 'ORGANISATION')),
    applicant_category    varchar(16)  not null check (applicant_category in
                              ('NATURAL_PERSON', 'BUSINESS', 'RESEARCH', 'SOCIAL_WELFARE', 'LEGAL_SERVICE', 'OTHER_ORG')),
    applicant_name        varchar(100) not null,
    credit_code           varchar(18),
    contact_person        varchar(50),
    id_type               varchar(20)  not null,
    id_number             varchar(40)  not null,
    phone                 varchar(20)  not null,
    email                 varchar(100),
    address               varchar(200) not null,
    info_name             varchar(200) not null,
    info_document_number  varchar(100),
    info_description      text         not null,
    provision_form        varchar(10)  not null check (provision_form in ('PAPER', 'EMAIL', 'DISC', 'OTHER')),
    obtain_way            varchar(10)  not null check (obtain_way in ('POST', 'EMAIL', 'PICKUP')),
    state                 varchar(20)  not null check (state in ('RECEIVED', 'CORRECTION_REQUESTED', 'IN_PROGRESS', 'CONSULTING',
                              'REPLIED', 'CLOSED', 'WITHDRAWN', 'DEEMED_WITHDRAWN')),
    submitted_at          timestamptz  not null,
    -- 条例第31条: the date the request counts as received
    received_on           date         not null,
    -- the date the 20-working-day clock runs from: received_on, or the day the corrected request arrived (条例第30条)
    clock_start_on        date         not null,
    department_id         bigint references department (id),
    correction_requested_on date,
    correction_due_on     date,
    correction_note       text,
    corrected_on          date,
    extension_days        int check (extension_days between 1 and 20),
    extension_approved_on date,
    extension_approved_by varchar(50),
    extension_reason      text,
    replied_on            date,
    reply_type            varchar(24),
    reply_ground          varchar(24),
    reply_opinion         text,
    reply_text            text,
    reply_draft           text,
    closed_on             date,
    withdrawn_on          date,
    promoted_at           timestamptz,
    version               bigint       not null default 0,
    created_at            timestamptz  not null default now(),
    check (extension_days is null or extension_approved_on is not null)
);
create index info_request_state_ix on info_request (state);
create index info_request_department_ix on info_request (department_id);
create index info_request_subject_ix on info_request (lower(btrim(info_name)));

-- Third-party (条例第32条) and co-producer (条例第34条) consultations: the clock stops while they run, at most 15 working days.
create table request_consultation (
    id         bigint generated always as identity primary key,
    request_id bigint      not null references info_request (id),
    party      varchar(200) not null,
    kind       varchar(12) not null check (kind in ('THIRD_PARTY', 'CO_PRODUCER')),
    started_on date        not null,
    ended_on   date,
    check (ended_on is null or ended_on >= started_on)
);
create unique index request_consultation_open_uq on request_consultation (request_id) where ended_on is null;

-- Uploaded identity proofs and generated reply documents.
create table request_file (
    id           bigint generated always as identity primary key,
    request_id   bigint       not null references info_request (id),
    kind         varchar(16)  not null check (kind in ('IDENTITY_PROOF', 'REPLY')),
    filename     varchar(200) not null,
    content_type varchar(60)  not null,
    size         int          not null check (size >= 0),
    bytes        bytea        not null,
    created_at   timestamptz  not null default now()
);

-- Editable reply templates, one per statutory reply type, plus the remedy notice (REMEDY).
create table reply_template (
    type    varchar(24)  primary key,
    body    text         not null,
    version bigint       not null default 0
);

-- Console inbox of the department a request is assigned to (deadline reminders of the daily job).
create table request_notification (
    id            bigint generated always as identity primary key,
    request_id    bigint      not null references info_request (id),
    department_id bigint      not null references department (id),
    kind          varchar(12) not null check (kind in ('DUE_SOON', 'OVERDUE', 'CORRECTION')),
    message       text        not null,
    created_on    date        not null,
    unique (request_id, kind, created_on)
);

-- Attempts per client (hashed address) for the CAPTCHA-free rate limits of the public forms.
create table request_throttle (
    id         bigint generated always as identity primary key,
    scope      varchar(10) not null,
    client_key varchar(64) not null,
    at         timestamptz not null
);
create index request_throttle_ix on request_throttle (scope, client_key, at);
