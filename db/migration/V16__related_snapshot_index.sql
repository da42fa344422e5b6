-- The item page lists the documents that point at it (a policy shows its interpretations): a containment query on the
-- snapshots' related links.
create index publication_snapshot_related_idx on publication_snapshot using gin (related jsonb_path_ops);
