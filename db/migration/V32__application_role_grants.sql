-- Least privilege (等保 2.0): the application connects as its own role, which owns nothing; Flyway migrates as the owner of
-- the schema (spring.flyway.user, from GONGKAI_DB_OWNER_USER). This grants the application's role (the placeholder is the
-- datasource user) what it needs on the tables of these migrations and, through default privileges, on those that later
-- migrations create, and withholds update, delete and truncate on the audit tables: the role cannot change or delete an
-- audit event, and cannot switch the append-only triggers off (only a table's owner may). A later migration that adds a
-- table the application must not change revokes on it likewise. Where the application and the migrations use one role (the
-- demo on a local server, the tests), nothing changes here.
do $$
declare
    app text := '${application_role}';
begin
    if app = current_user or not exists (select 1 from pg_roles where rolname = app) then
        return;
    end if;
    execute format('grant usage on schema public to %I', app);
    execute format('grant select, insert, update, delete on all tables in schema public to %I', app);
    execute format('grant usage, select on all sequences in schema public to %I', app);
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I', app);
    execute format('alter default privileges in schema public grant usage, select on sequences to %I', app);
    execute format('revoke update, delete, truncate on audit_event, audit_anchor from %I', app);
    execute format('revoke insert, update, delete, truncate on flyway_schema_history from %I', app);
end $$;
