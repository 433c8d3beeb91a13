-- While a rotation is unfinished its account is taken: a second rotation of the same account would
-- race it and could leave the directory and the vault with different passwords. Null when finished.
alter table rotations add column active_account_key varchar(200);
alter table rotations add constraint rotations_one_active_per_account unique (active_account_key);

-- A vault record holds one password, so it is the match of at most one account.
alter table matches add constraint matches_one_account_per_record unique (organization_key, vault_record_id);
