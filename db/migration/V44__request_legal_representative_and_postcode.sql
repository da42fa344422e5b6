-- The request form asks an organisation for its 法定代表人 (国办 model form: 法人或其他组织 — 名称, 统一社会信用代码,
-- 法定代表人, 联系人) and, when the information is to be posted, the 邮政编码 (#18). Existing requests keep null.
alter table info_request add column legal_representative varchar(50);
alter table info_request add column postcode varchar(6) check (postcode ~ '^[0-9]{6}$');
