-- 0012_login_throttle: failed logins per key (a login, or "ip:" + a client
-- address) in the database instead of each process's memory, so that
-- several `cchc serve` instances behind one load balancer throttle password
-- guessing together (src/store/store_throttle.h; the policy - threshold,
-- window, doubling delay - stays in src/app/throttle.c). Times are Unix
-- seconds; rows older than the window are purged by the writer.
CREATE TABLE login_throttle (
    key           TEXT PRIMARY KEY,
    fails         BIGINT NOT NULL,
    last_at       BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX login_throttle_last ON login_throttle (last_at);
