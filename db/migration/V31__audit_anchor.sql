-- Anchors of the audit hash chain (审计日志锚点): every few minutes one node signs the head of the chain (its last event's id
-- and hash) with an HMAC key that lives in configuration, not in the database, and appends it here and to the application
-- log (and, where configured, to a file). The verifier reports a chain whose anchored event is gone as cut off; the copies in
-- the log are what an auditor compares when someone able to switch triggers off has deleted anchors as well.
create table audit_anchor (
    id          bigint generated always as identity primary key,
    anchored_at timestamptz not null,
    event_id    bigint      not null,
    head_hash   char(64)    not null,
    key_id      char(16)    not null,
    signature   char(64)    not null
);
create index audit_anchor_event_idx on audit_anchor (event_id);

create function audit_anchor_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_anchor is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;

create trigger audit_anchor_no_update before update or delete on audit_anchor
    for each row execute function audit_anchor_is_append_only();
create trigger audit_anchor_no_truncate before truncate on audit_anchor
    for each statement execute function audit_anchor_is_append_only();

revoke update, delete, truncate on audit_anchor from public;
