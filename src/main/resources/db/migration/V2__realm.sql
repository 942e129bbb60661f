-- The users, roles and login throttle that several instances share (secure-rest-api.users.store=database).
-- Portable to H2 and PostgreSQL.

-- A user: the name in its RFC 8265 form and the PBKDF2-HMAC-SHA256 hash (salt$iterations$hash).
CREATE TABLE realm_users (
    name          VARCHAR(256) PRIMARY KEY,
    password_hash VARCHAR(512) NOT NULL
);

-- The roles of each user (Tomcat's DataSourceRealm reads the same two tables).
CREATE TABLE realm_user_roles (
    name VARCHAR(256) NOT NULL REFERENCES realm_users (name) ON DELETE CASCADE,
    role VARCHAR(64)  NOT NULL,
    PRIMARY KEY (name, role)
);

-- One row, bumped in the same transaction as every change to the two tables above: each
-- instance polls it every second and reads the users again when it moves.
CREATE TABLE realm_version (
    id      INT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO realm_version (id, version) VALUES (1, 0);

-- Failed logins and the checks running now, per key of the three limits (name and address,
-- name, address). The key is a SHA-256 of the limit and its key: no user name or address is
-- stored. Times are epoch milliseconds of the instances' clocks.
CREATE TABLE login_throttle (
    throttle_key  VARCHAR(64) PRIMARY KEY,
    failures      INT    NOT NULL,
    running       INT    NOT NULL,
    window_start  BIGINT NOT NULL,
    locked_until  BIGINT NOT NULL,
    -- checks still running after this were lost with their instance and are forgotten
    running_until BIGINT NOT NULL
);
