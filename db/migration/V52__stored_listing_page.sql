-- Catalogue pages kept as the bytes a citizen receives (issue 19): a column's page, with its filters and page number, is
-- rendered once per public change and build, and served to every node from here until anything public changes again.
--
-- public_version is the version of public_change (the row every public change raises, V26) that the rendering node had
-- seen before it read anything for the page; a stored page is served only to a node that has seen the same version, so
-- after a change no node serves a page rendered before it (a node that has not yet heard of a change, at most about a
-- second, serves what its memory cache would). Rows of older versions are deleted every hour.
create table stored_listing_page (
    -- the path and query string exactly as requested (the page links back to them)
    address        text primary key,
    public_version bigint not null,
    -- the build, templates, messages and site name the page was rendered with: a new build renders its own pages
    template_key   text not null,
    content_type   text not null,
    etag           text not null,
    -- the security headers the page was sent with (JSON object), sent again with every copy
    headers        text not null,
    body_gzip      bytea not null,
    stored_at      timestamptz not null default now()
);
-- already gzip-compressed: PostgreSQL need not try to compress it again
alter table stored_listing_page alter column body_gzip set storage external;
