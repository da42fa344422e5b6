-- A search with a department filter ranks the department's title matches first, and when the newest of them do not fill a
-- page it reads them all. Through the department's date index (V49) that meant every title of the department: at 1,000,000
-- items, 125,000 titles and 28-43 ms to find that none of 综合监督科's holds 组织. With the title's bigrams and the
-- department in one GIN index, both conditions are one index scan: 6.6 ms (issue 19, docs/performance.md).
create index publication_snapshot_title_department_idx on publication_snapshot
    using gin (cjk_bigrams(search_title), (array[issuing_department_name::text]));
