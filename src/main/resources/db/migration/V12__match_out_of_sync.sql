-- Drift: a pair whose password changed outside Rotabot, in the directory or in the vault, after its last
-- successful rotation is Out of sync. Each time is the change Rotabot saw (null: none on that side);
-- rotated_at is the last successful rotation the judgment was made against, so that a sync that read an
-- older one cannot flag a pair a newer rotation has just reconciled.
alter table matches add column directory_changed_at timestamp with time zone;
alter table matches add column vault_changed_at timestamp with time zone;
alter table matches add column rotated_at timestamp with time zone;
