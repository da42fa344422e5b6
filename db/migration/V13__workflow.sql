-- Review before publish (先审查、后公开): the facts of each edition's way through the workflow, and the immutable
-- confidentiality-review and approval records.

create table edition_workflow (
    edition_id                bigint primary key references edition (id),
    -- counts submissions: a returned and resubmitted edition is reviewed again in a new round
    round                     int          not null default 0,
    submitted_by              bigint references staff_user (id),
    submitted_at              timestamptz,
    reviewed_by               bigint references staff_user (id),
    reviewed_at               timestamptz,
    approved_by               bigint references staff_user (id),
    approved_at               timestamptz,
    scheduled_for             timestamptz,
    published_at              timestamptz,
    force_published_by        bigint references staff_user (id),
    force_reason              text,
    retrospective_reviewed_at timestamptz,
    last_return_reason        text,
    last_returned_at          timestamptz,
    version                   bigint       not null default 0
);
create index edition_workflow_scheduled_idx on edition_workflow (scheduled_for) where scheduled_for is not null;

create table confidentiality_review (
    id                     bigint generated always as identity primary key,
    edition_id             bigint      not null references edition (id),
    round                  int         not null,
    retrospective          boolean     not null default false,
    reviewer_id            bigint      not null references staff_user (id),
    reviewed_at            timestamptz not null,
    no_state_secrets       boolean     not null,
    no_work_secrets        boolean     not null,
    privacy_handled        boolean     not null,
    no_commercial_secrets  boolean     not null,
    no_security_risk       boolean     not null,
    attribute_correct      boolean     not null,
    opinion                text        not null,
    -- personal data the scan found in the body and how the reviewer resolved each hit (required when there are hits)
    personal_data_hits     int         not null default 0,
    personal_data_note     text,
    decision               varchar(6)  not null check (decision in ('PASS', 'RETURN')),
    check (decision = 'RETURN' or personal_data_hits = 0 or length(coalesce(personal_data_note, '')) > 0),
    check (decision = 'RETURN' or (no_state_secrets and no_work_secrets and privacy_handled and no_commercial_secrets
                                   and no_security_risk and attribute_correct)),
    -- two reviewers deciding at the same moment: exactly one record survives
    unique (edition_id, round, retrospective)
);

create table approval_record (
    id          bigint generated always as identity primary key,
    edition_id  bigint      not null references edition (id),
    round       int         not null,
    approver_id bigint      not null references staff_user (id),
    decided_at  timestamptz not null,
    decision    varchar(8)  not null check (decision in ('APPROVE', 'RETURN', 'FORCE')),
    opinion     text        not null default '',
    publish_at  timestamptz,
    unique (edition_id, round)
);

create function workflow_record_is_immutable() returns trigger language plpgsql as $$
begin
    raise exception '% rows are immutable: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger confidentiality_review_immutable before update or delete on confidentiality_review
    for each row execute function workflow_record_is_immutable();
create trigger approval_record_immutable before update or delete on approval_record
    for each row execute function workflow_record_is_immutable();
