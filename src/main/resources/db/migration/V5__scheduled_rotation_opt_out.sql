-- A matched record can be left out of scheduled rotation.
alter table matches add column scheduled_opt_out boolean default false not null;
