-- The accounts a ticket asks for, one row each: as the ticket named them, what Rotabot resolved them
-- to in the ticket company's organization, the guard's decision, a technician's review and the outcome.
-- Never a password; named_as is ticket text and stays here, out of the process engine's tables.
create table ticket_targets (
    ticket_id         bigint         not null,
    position          integer        not null,
    kind              varchar(16)    not null,
    named_as          varchar(300)   not null,
    organization_key  varchar(64),
    account_id        varchar(64),
    account_name      varchar(256),
    privileged        boolean        default false not null,
    candidates        varchar(4000)  default '' not null,
    vault_record_id   varchar(64),
    decision          varchar(24)    not null,
    reason            varchar(2000)  not null,
    reviewed_by       varchar(256),
    rotation_id       varchar(36),
    outcome_status    varchar(64),
    outcome_reason    varchar(2000),
    vault_record_url  varchar(2000),
    decided_at        timestamp with time zone not null,
    constraint ticket_targets_pk primary key (ticket_id, position)
);
create index ticket_targets_by_organization on ticket_targets (organization_key, decided_at);

-- The ticket bot's guards: the global row ('*') and one row per organization that overrides it.
create table ticket_bot_settings (
    organization_key          varchar(64)   primary key,
    ticket_resets             boolean       not null,
    unlock_on_reset           boolean       not null,
    must_change_at_next_logon boolean       not null,
    resets_per_hour           integer       not null,
    authorised_contacts       varchar(4000) default '' not null,
    updated_at                timestamp with time zone not null
);

-- What a reset does besides the password (kept, so that a resumed rotation does the same), and the
-- rotation a ticket's rotation waited for when another one of the same account was running.
alter table rotations add column unlock_account boolean default false not null;
alter table rotations add column must_change_at_next_logon boolean default false not null;
alter table rotations add column follows_rotation_id varchar(36);
