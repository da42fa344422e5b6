-- Search at scale and over everything published (issue 19, points 1 and 2):
-- * the snapshot's search text also holds the masked text of its published tables (captions, column labels, cells) and the
--   text of its attachments, both handed over at publication (publication_snapshot.extra_text; attachment text is extracted
--   once per file with Tika and kept in published_file.text);
-- * the bigram vector of that text is stored (search_bigrams), computed once when the snapshot is written, instead of
--   computed by cjk_bigrams() for every row a plan checks: a filtered search for a common word read ~1.4 ms of CPU per row
--   (19 s for 工作 in 2020 at 1,000,000 items) and a lossy bitmap rechecked every text the same way.

-- The same bigrams as V12's cjk_bigrams() (lower case, pairs of adjacent characters, none across whitespace; a text of one
-- character is itself), an order of magnitude faster: each whitespace-free run is cut into pairs at even and at odd offsets
-- by a regular expression, instead of substr() at every position, which counts characters from the start each time
-- (quadratic in the text's length). SearchTextTests compares it with the old definition.
create or replace function cjk_bigrams(t text) returns tsvector
    language sql immutable parallel safe strict as $$
    select case when length(t) < 2
        then array_to_tsvector(array(select distinct substr(lower(t), 1, 2) where substr(lower(t), 1, 2) !~ '\s'))
        else array_to_tsvector(array(
            select distinct m[1] from regexp_split_to_table(lower(t), '\s+') w,
                lateral (select regexp_matches(w, '(..)', 'g') union all select regexp_matches(substr(w, 2), '(..)', 'g')) x(m)))
    end
$$;

-- The text of a published file (PDF, DOCX, XLSX …), extracted once when the file is first published; null when it has none.
alter table published_file add column text text;

-- The masked text of the snapshot's tables and the text of its attachments, as handed over at publication.
alter table publication_snapshot add column extra_text text not null default '';

-- search_text is redefined to include extra_text; dropping it drops publication_snapshot_search_idx with it.
alter table publication_snapshot drop column search_text;

-- Snapshots published before this migration: their tables' text from the masked JSON the snapshot already holds (the same
-- captions, labels and cells the tables module hands over now); their attachments are indexed when next published.
alter table publication_snapshot disable trigger publication_snapshot_immutable;
update publication_snapshot s set extra_text = coalesce((
        select string_agg(coalesce(t ->> 'caption', '') || ' ' || coalesce((
                   select string_agg(coalesce(c ->> 'label', ''), ' ') from jsonb_array_elements(t -> 'columns') c), '')
               || ' ' || coalesce((
                   select string_agg(v.value, ' ') from jsonb_array_elements(t -> 'rows') r, jsonb_each_text(r) v
                   where jsonb_typeof(r) = 'object'), ''), ' ')
        from jsonb_array_elements(s.tables) t), '')
where jsonb_typeof(s.tables) = 'array' and jsonb_array_length(s.tables) > 0;
alter table publication_snapshot enable trigger publication_snapshot_immutable;

-- As V33's search_text, plus the tables and attachments; and its bigrams, stored.
alter table publication_snapshot
    add column search_text text generated always as (search_normalise(title) || ' ' || coalesce(search_normalise(summary), '')
        || ' ' || search_normalise(body_text) || ' ' || coalesce(search_normalise(document_number), '')
        || ' ' || coalesce(search_normalise(index_number), '') || ' ' || search_normalise(issuing_department_name)
        || ' ' || search_normalise(extra_text)) stored,
    add column search_bigrams tsvector generated always as (public.cjk_bigrams(search_normalise(title) || ' '
        || coalesce(search_normalise(summary), '') || ' ' || search_normalise(body_text) || ' '
        || coalesce(search_normalise(document_number), '') || ' ' || coalesce(search_normalise(index_number), '') || ' '
        || search_normalise(issuing_department_name) || ' ' || search_normalise(extra_text))) stored;

-- same name as before, so that the docs keep their meaning; the planner reads the column's statistics (pg_stats)
create index publication_snapshot_search_idx on publication_snapshot using gin (search_bigrams);
