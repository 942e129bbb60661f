-- The login core's tables in the database several instances share (secure-rest-api.users.store=database):
-- the users, their roles and their version, and the login throttle's counts. Made by RealmSchema when
-- missing (by the WAR at start-up, or by the users command), never changed once there. Portable to
-- H2 and PostgreSQL. Databases migrated by earlier builds got the same tables from the application's
-- Flyway migrations V2 and V4.

-- A user: the name in its RFC 8265 form and the PBKDF2-HMAC-SHA256 hash (salt$iterations$hash).
CREATE TABLE IF NOT EXISTS realm_users (
    name          VARCHAR(256) PRIMARY KEY,
    password_hash VARCHAR(512) NOT NULL
);

-- The roles of each user (Tomcat's DataSourceRealm reads the same two tables).
CREATE TABLE IF NOT EXISTS realm_user_roles (
    name VARCHAR(256) NOT NULL REFERENCES realm_users (name) ON DELETE CASCADE,
    role VARCHAR(64)  NOT NULL,
    PRIMARY KEY (name, role)
);

-- One row, bumped in the same transaction as every change to the two tables above: each
-- instance polls it every second and reads the users again when it moves.
CREATE TABLE IF NOT EXISTS realm_version (
    id      INT PRIMARY KEY,
    version BIGINT NOT NULL
);

-- Failed logins and the checks running now, per key of the three limits (name and address,
-- name, address). The key is a SHA-256 of the limit and its key: no user name or address is
-- stored. Times are epoch milliseconds of the instances' clocks.
CREATE TABLE IF NOT EXISTS login_throttle (
    throttle_key  VARCHAR(64) PRIMARY KEY,
    failures      INT    NOT NULL,
    running       INT    NOT NULL,
    window_start  BIGINT NOT NULL,
    locked_until  BIGINT NOT NULL,
    -- checks still running after this were lost with their instance and are forgotten
    running_until BIGINT NOT NULL
);

-- Who logged in successfully as a name lately, by network: such a client is not refused by the
-- name-wide lock (docs/operations.md, Lockout). The key is a SHA-256 of the name and the client's
-- network (an IPv4 address, an IPv6 /56), as in login_throttle; known_until is epoch milliseconds,
-- 30 days after the last success an instance recorded.
CREATE TABLE IF NOT EXISTS login_known (
    known_key   VARCHAR(64) PRIMARY KEY,
    known_until BIGINT NOT NULL
);

-- Access tokens (docs/security.md): each user's, the secret only as HMAC-SHA256 under the key below.
-- Removing a user removes their tokens. A change moves realm_version, so every instance reads the
-- tokens again within a second; last_used and last_address are written now and then, not per request.
CREATE TABLE IF NOT EXISTS realm_tokens (
    id           VARCHAR(16)  PRIMARY KEY,
    name         VARCHAR(256) NOT NULL REFERENCES realm_users (name) ON DELETE CASCADE,
    digest       VARCHAR(64)  NOT NULL UNIQUE,
    label        VARCHAR(400) NOT NULL,
    scope        VARCHAR(8)   NOT NULL,
    created      BIGINT       NOT NULL,
    expires      BIGINT       NOT NULL,
    last_used    BIGINT,
    last_address VARCHAR(64),
    UNIQUE (name, label)
);

-- The key of the token digests, one row, made by the first instance that needs it. A copy of
-- realm_tokens without it logs nobody in and tests no guess.
CREATE TABLE IF NOT EXISTS realm_token_key (
    id        INT PRIMARY KEY,
    token_key VARCHAR(64) NOT NULL
);
