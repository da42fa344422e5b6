-- 意见征集 (consultations on draft decisions, seed 001 决策公开: "公开征求意见，公布决策草案、背景、依据和主要内容") and
-- 建议提案办理结果 (replies to 人大代表建议 and 政协委员提案, published in full, seed 002). The public texts are editions in two
-- new catalogue columns and go through the same review workflow as any item; these tables hold what is not an edition:
-- the window, the comments (never published raw) and the proposal numbers.

insert into catalogue_node (code, name, parent_id, position, description, approval_required) values
 ('yjzj', '意见征集', null, 140, '重要决策事项的决策草案、起草说明公开征求意见，以及意见采纳情况反馈。', true),
 ('jyta', '建议提案办理结果', null, 150, '人大代表建议和政协委员提案的办理结果（答复全文）。', true)
on conflict (code) do nothing;

insert into code_item (list, value, position) values
 ('GENRE', '征求意见稿', 140), ('GENRE', '意见反馈', 150), ('GENRE', '建议提案答复', 160)
on conflict (list, value) do nothing;

-- A consultation: its edition (the draft decision and its 起草说明, composed into the body) is a document of 意见征集.
create table consultation (
    id                   bigint generated always as identity primary key,
    document_id          bigint        not null unique references document (id),
    department_id        bigint        not null references department (id),
    title                varchar(300)  not null,
    draft_html           text          not null default '',
    background           text          not null default '',
    basis                text          not null default '',
    main_content         text          not null default '',
    opens_on             date          not null,
    closes_on            date          not null,
    -- required when the window is shorter than the commission's minimum
    short_window_reason  varchar(500),
    how_to_comment       text          not null default '',
    name_required        boolean       not null default false,
    -- the 意见采纳情况反馈: a second document of 意见征集
    feedback_document_id bigint        unique references document (id),
    feedback_summary     text          not null default '',
    created_by           bigint        not null references staff_user (id),
    created_at           timestamptz   not null,
    version              bigint        not null default 0,
    check (closes_on >= opens_on)
);
create index consultation_department_idx on consultation (department_id);

-- A comment: kept for the department only. Nothing here is ever copied into a publication snapshot except a masked quote.
create table consultation_comment (
    id              bigint generated always as identity primary key,
    consultation_id bigint        not null references consultation (id),
    receipt_number  varchar(20)   not null unique,
    channel         varchar(10)   not null check (channel in ('WEB', 'LETTER', 'EMAIL', 'MEETING')),
    received_at     timestamptz   not null,
    commenter_name  varchar(60),
    contact         varchar(100),
    body            text          not null check (length(body) between 1 and 5000),
    decision        varchar(12)   check (decision in ('ADOPTED', 'PARTLY', 'NOT_ADOPTED')),
    decision_reason varchar(1000),
    decided_by      bigint        references staff_user (id),
    decided_at      timestamptz,
    recorded_by     bigint        references staff_user (id),
    version         bigint        not null default 0,
    check (decision is null or decision = 'ADOPTED' or decision_reason is not null)
);
create index consultation_comment_idx on consultation_comment (consultation_id, received_at);

-- A CAPTCHA-free rate limit of comments per client address (stored only as a salted hash).
create table consultation_throttle (
    id         bigint generated always as identity primary key,
    client_key varchar(64) not null,
    at         timestamptz not null
);
create index consultation_throttle_idx on consultation_throttle (client_key, at);

-- 建议提案办理结果: the reply is a document of 建议提案办理结果; this row holds the proposal's number and kind.
create table proposal_reply (
    id              bigint generated always as identity primary key,
    document_id     bigint       not null unique references document (id),
    kind            varchar(6)   not null check (kind in ('NPC', 'CPPCC')),
    proposal_number varchar(40)  not null,
    session_year    int          not null check (session_year between 2000 and 2100),
    created_at      timestamptz  not null
);
create unique index proposal_reply_number_idx on proposal_reply (kind, session_year, proposal_number);

-- QR codes can lead to a consultation.
alter table qr_code drop constraint if exists qr_code_target_type_check;
alter table qr_code add constraint qr_code_target_type_check
    check (target_type in ('CATALOGUE', 'ITEM', 'REQUEST', 'GUIDE', 'CONSULTATION'));
