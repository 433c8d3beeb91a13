-- A rotation is accepted (WAITING) before any password exists: it may wait for the directory's
-- minimum password age. Who or what asked for it, in which bulk request, under which policy.
alter table rotations add column eligible_at timestamp with time zone;
alter table rotations add column triggered_by varchar(200) default '' not null;
alter table rotations add column batch_id varchar(64);
-- the revision: the password policy it was generated under, and the vault's time of the new revision
alter table rotations add column policy varchar(300) default '' not null;
alter table rotations add column vault_revision varchar(64) default '' not null;
create index rotations_by_batch on rotations (batch_id);
