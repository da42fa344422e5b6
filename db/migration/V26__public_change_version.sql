-- One row whose version every public change (publication, withdrawal, unpublishing, catalogue, matters, guide) raises in
-- its own transaction, next to a NOTIFY on channel gongkai_public_change. Every node listens for the NOTIFY and also reads
-- this row about once a second, so a node whose listening connection broke empties its page cache no later than that.
create table public_change (
    id         int         primary key check (id = 1),
    version    bigint      not null,
    changed_at timestamptz not null
);
insert into public_change (id, version, changed_at) values (1, 0, now());
