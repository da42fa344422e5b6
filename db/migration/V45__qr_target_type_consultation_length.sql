-- CONSULTATION (V38) has 12 characters; qr_code.target_type held 10 (found by the QR test of a code pointing at a consultation).
alter table qr_code alter column target_type type varchar(12);
