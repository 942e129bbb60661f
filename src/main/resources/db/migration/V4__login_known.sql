-- Portable to H2 and PostgreSQL. Who logged in successfully as a name lately, by network: such a
-- client is not refused by the name-wide lock (docs/operations.md, Lockout). The key is a SHA-256
-- of the name and the client's network (an IPv4 address, an IPv6 /56), as in login_throttle;
-- known_until is epoch milliseconds, 30 days after the last success an instance recorded.
CREATE TABLE login_known (
    known_key   VARCHAR(64) PRIMARY KEY,
    known_until BIGINT NOT NULL
);
