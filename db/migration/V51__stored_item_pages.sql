-- Item pages kept as the bytes a citizen receives (issue 19): rendered once per document, page version and build, and
-- served to every node from here instead of through the template, until something the page shows changes.
--
-- page_version counts the changes of what an item page shows: its own publication, withdrawal and unpublishing, and
-- those of the documents it links to or that link to it, and the published questions asked about it. A stored page is
-- served only while its page_version is the document's, so a page rendered from data read before a change can never be
-- served after it, whatever the order in which nodes commit and store.
alter table public_document add column page_version bigint not null default 0;

create table stored_item_page (
    document_id  text primary key references public_document (document_id) on delete cascade,
    page_version bigint not null,
    -- the build, templates, messages and site name the page was rendered with: a new build renders its own pages
    template_key text not null,
    content_type text not null,
    etag         text not null,
    -- the security headers the page was sent with (JSON object), sent again with every copy
    headers      text not null,
    body_gzip    bytea not null,
    stored_at    timestamptz not null default now()
);
-- already gzip-compressed: PostgreSQL need not try to compress it again
alter table stored_item_page alter column body_gzip set storage external;
