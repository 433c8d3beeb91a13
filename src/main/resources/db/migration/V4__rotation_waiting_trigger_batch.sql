-- A rotation is accepted (WAITING) before any password exists: it may wait for the directory's
-- minimum password age. Who or what asked for it, and in which bulk request.
alter table rotations add column eligible_at timestamp with time zone;
alter table rotations add column triggered_by varchar(200) default '' not null;
alter table rotations add column batch_id varchar(64);
create index rotations_by_batch on rotations (batch_id);
