-- People who asked to hear about rotations: of one organization, or of all ('*').
create table notification_subscribers (
    email            varchar(320) not null,
    organization_key varchar(64)  not null,
    subscribed_at    timestamp with time zone not null,
    constraint notification_subscribers_pk primary key (email, organization_key)
);
