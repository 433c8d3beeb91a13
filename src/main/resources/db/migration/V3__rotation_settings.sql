-- The global rotation settings (organization_key '*') and one organization rule per organization,
-- which overrides them for every password of that organization.
create table rotation_settings (
    organization_key    varchar(64) primary key,
    rotation_enabled    boolean     not null,
    minimum_length      integer     not null,
    uppercase           boolean     not null,
    lowercase           boolean     not null,
    digit               boolean     not null,
    symbol              boolean     not null,
    scheduled_rotation  boolean     not null,
    frequency_days      integer     not null,
    respect_minimum_age boolean     not null,
    updated_at          timestamp with time zone not null
);
