-- A search filtered by department, topic or genre (issue 19) walks the newest snapshots that pass the filter, in date order,
-- instead of the newest snapshots of all, most of which the filter drops: at 1,000,000 items a department keeps one snapshot
-- in eight, and a walk of 10,000 snapshots found too few matches and fell back to the bigram index (seconds for a common
-- word). The title is included so that a walk that only looks at titles reads the index alone.
create index publication_snapshot_department_idx on publication_snapshot (issuing_department_name, published_at desc, id)
    include (search_title);
create index publication_snapshot_topic_idx on publication_snapshot (topic, published_at desc, id) include (search_title);
create index publication_snapshot_genre_idx on publication_snapshot (genre, published_at desc, id) include (search_title);
