-- What the classification rules read besides the text: how Autotask filed the ticket, and who asked.
alter table tickets add column issue_type integer;
alter table tickets add column sub_issue_type integer;
alter table tickets add column queue_id integer;
alter table tickets add column source integer;
alter table tickets add column requester_name varchar(256);
