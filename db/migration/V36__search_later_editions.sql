-- A year-filtered search (issue 19) walks that year's snapshots by date, and before them the later editions of that year's
-- documents, which are few: this index lists only the snapshots after a first edition.
create index publication_snapshot_later_idx on publication_snapshot (published_at desc, id) where edition_number > 1;
