-- The password a directory connection binds with, once Rotabot has rotated it: it supersedes the one in
-- the configuration. While a rotation of the bind account is under way the new password waits in
-- pending_ciphertext, so a crash between the directory and this table never locks the connection out.
create table bind_credentials (
    organization_key   varchar(64)  not null primary key,
    current_ciphertext varchar(2048),
    pending_ciphertext varchar(2048),
    updated_at         timestamp    not null
);
