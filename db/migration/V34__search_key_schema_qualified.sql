-- pg_restore (and pg_dump's other clients) run with an empty search_path, and PostgreSQL evaluates search_key() when it
-- restores the generated column search_keys: an unqualified call to search_normalise() is then not found and the restore
-- stops (BackupRestoreTests). The schema is named; the body is otherwise V33's, so stored values stay as they are.
create or replace function search_key(t text) returns text
    language sql immutable parallel safe strict as $$
    select nullif(regexp_replace(public.search_normalise(t),
        '[\u0009-\u000D\u0020-\u0029\u002B-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u007E\u0085\u00A0-\u00BF\u00D7\u00F7\u2000-\u206F'
        || '\u2E00-\u2E7F\u3000-\u3004\u3008-\u3020\u302A-\u3030\u303D-\u303F\uFE10-\uFE1F\uFE30-\uFE6F\uFEFF\uFF01-\uFF0F'
        || '\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]+', '', 'g'), '')
$$;
