-- When the e-mail copy of a console notice went out: the mail listener runs after commit and may be resubmitted (after a
-- failure or a restart, on either node), so it sends only for notices not yet mailed and marks each one as it goes.
alter table notification add column mailed_at timestamp with time zone;
