-- While a rotation is unfinished its account is taken: a second rotation of the same account would
-- race it and could leave the directory and the vault with different passwords. Null when finished.
alter table rotations add column active_account_key varchar(200);
alter table rotations add constraint rotations_one_active_per_account unique (active_account_key);
