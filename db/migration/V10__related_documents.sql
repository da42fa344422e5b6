-- Related documents of an edition: the policy an interpretation (政策解读) explains, the document an item replaces, see also.
-- Only published documents can be related, because the public page links to them.
create table edition_relation (
    edition_id          bigint      not null references edition (id),
    position            int         not null check (position between 1 and 10),
    related_document_id bigint      not null references document (id),
    relation            varchar(12) not null check (relation in ('INTERPRETS', 'REPLACES', 'SEE_ALSO')),
    primary key (edition_id, related_document_id)
);
create index edition_relation_related_idx on edition_relation (related_document_id);
