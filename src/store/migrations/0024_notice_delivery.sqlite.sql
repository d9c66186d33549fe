-- 0024_notice_delivery: per-user preferences, e-mail outbox, calendar feeds
-- (docs/internals/reminders.md).
-- Preferences: kinds_off lists the unsubscribed kinds (comma-separated codes:
-- task, report, target, campaign, summary, unit); leader marks the unit's
-- leader, who receives the escalations. A user without a row has the
-- defaults (everything subscribed, digest on at the rules' time, no e-mail).
CREATE TABLE notice_pref (
    user_id     INTEGER PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    email       TEXT NOT NULL DEFAULT '',
    email_on    INTEGER NOT NULL DEFAULT 0,
    digest_on   INTEGER NOT NULL DEFAULT 1,
    digest_time TEXT NOT NULL DEFAULT '',
    kinds_off   TEXT NOT NULL DEFAULT '',
    leader      INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT,
    updated_by  TEXT
);
-- The digests made: one row per user and day, even when nothing was due,
-- so that a digest is never made twice (the items go into a notice_item and,
-- when the user wants e-mail, into the outbox).
CREATE TABLE notice_digest (
    user_id    INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    items      INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, day)
);
-- The e-mail outbox: one message per (user, kind, ref) - a digest
-- ("digest", "2024-05-20") or a single notice ("notice", "<notice id>").
-- The message is rendered when sent from payload (JSON). A sender claims a
-- row with a lease (lease_until) so that two instances never send it twice;
-- a failure sets next_at with back-off; failed_at marks a message given up.
CREATE TABLE notice_mail (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    ref         TEXT NOT NULL,
    to_addr     TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     TEXT NOT NULL,
    lease_until TEXT,
    lease_by    TEXT,
    sent_at     TEXT,
    failed_at   TEXT,
    last_error  TEXT,
    UNIQUE (user_id, kind, ref)
);
CREATE INDEX notice_mail_next ON notice_mail (sent_at, failed_at, next_at);
-- iCalendar feeds: the token's SHA-256 only (the token is shown once);
-- revoking sets revoked_at, a new token revokes the previous ones.
CREATE TABLE notice_feed (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    used_at    TEXT
);
CREATE INDEX notice_feed_user ON notice_feed (user_id);
