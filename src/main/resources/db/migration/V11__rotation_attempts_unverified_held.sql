-- Never strand a password. directory_attempts counts the resets sent to the directory, so a refusal on a
-- later attempt knows that an earlier one's outcome is unknown (a lost answer) and keeps the password;
-- failed_tries counts the failed tries of the current step (an outage, a vault that did not take the
-- password), for the growing pause before the next one;
-- unverified marks a password the directory answered "changed" for but a bind did not confirm.
-- eligible_at now also carries when an outage's or a vault failure's next try is due.
alter table rotations add column directory_attempts integer default 0 not null;
alter table rotations add column failed_tries integer default 0 not null;
alter table rotations add column unverified boolean default false not null;
create index rotations_held on rotations (organization_key, account_id, state);
