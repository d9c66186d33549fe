-- 0001_init: schema bookkeeping, organisation units, users, sessions, audit.

CREATE TABLE unit (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    parent_code TEXT,
    valid_from  TEXT NOT NULL DEFAULT '',  -- '' = since always
    valid_to    TEXT NOT NULL DEFAULT '',  -- '' = still valid
    aliases     TEXT NOT NULL DEFAULT '',
    UNIQUE (code, valid_from)
);
CREATE INDEX unit_code ON unit (code);
CREATE INDEX unit_parent ON unit (parent_code);
CREATE TABLE unit_alias (
    unit_id INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
    alias   TEXT NOT NULL,
    key     TEXT NOT NULL
);
CREATE INDEX unit_alias_key ON unit_alias (key);
CREATE INDEX unit_alias_unit ON unit_alias (unit_id);
CREATE TABLE unit_link (
    id        INTEGER PRIMARY KEY,
    from_code TEXT NOT NULL,
    to_code   TEXT NOT NULL,
    kind      TEXT NOT NULL,
    on_date   TEXT NOT NULL,
    UNIQUE (from_code, to_code, kind)
);
CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    unit_code     TEXT,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
CREATE TABLE session (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE TABLE audit_event (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    object  TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT ''
);
