-- The append-only audit trail (审计日志). Each row carries a SHA-256 hash over its content and the previous row's hash,
-- so that any change to a stored row is detectable by re-computing the chain.
create table audit_event (
    id             bigint generated always as identity primary key,
    occurred_at    timestamptz  not null,
    actor          varchar(50)  not null,
    actor_roles    varchar(100) not null default '',
    action         varchar(60)  not null,
    object_type    varchar(40)  not null default '',
    object_id      varchar(80)  not null default '',
    summary        text         not null default '',
    client_address varchar(64)  not null default '',
    request_id     varchar(64)  not null default '',
    previous_hash  char(64)     not null,
    hash           char(64)     not null unique
);
create index audit_event_occurred_idx on audit_event (occurred_at);
create index audit_event_actor_idx on audit_event (actor);
create index audit_event_action_idx on audit_event (action);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

revoke update, delete, truncate on audit_event from public;
