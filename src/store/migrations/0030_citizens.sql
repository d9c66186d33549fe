-- 0030_citizens: the citizen-facing side (docs/internals/citizens.md).
-- citizen_secret: server keys for citizen-facing codes, shared by every
-- instance on the database (the receipt-code key: 32 random bytes, hex).
-- dossier_rating: the applicant's own rating of a dossier from the public
-- lookup, at most one per dossier (the ledger gets a `rated` event in the
-- same transaction); dossier_rating_criterion: the optional criteria of the
-- form (DOMAIN §5), one row each. dossier_contact: the second factor "last
-- four digits of the phone number" when a unit uses it (a keyed hash, never
-- the digits). feedback: what a submission is about (a procedure, a unit, an
-- official) and its kind (phản ánh or kiến nghị).
CREATE TABLE citizen_secret (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE dossier_rating (
    dossier_code  TEXT PRIMARY KEY,
    rating        BIGINT NOT NULL,
    comment       TEXT NOT NULL DEFAULT '',
    factor        TEXT NOT NULL,
    rules_version TEXT NOT NULL DEFAULT '',
    rated_at      BIGINT NOT NULL
);
CREATE TABLE dossier_rating_criterion (
    dossier_code TEXT NOT NULL REFERENCES dossier_rating (dossier_code) ON DELETE CASCADE,
    criterion    TEXT NOT NULL,
    level        BIGINT NOT NULL,
    PRIMARY KEY (dossier_code, criterion)
);
CREATE TABLE dossier_contact (
    dossier_code TEXT PRIMARY KEY,
    phone4_hash  TEXT NOT NULL,
    set_by       TEXT NOT NULL,
    set_at       BIGINT NOT NULL
);
ALTER TABLE feedback ADD COLUMN kind TEXT NOT NULL DEFAULT 'phan_anh';
ALTER TABLE feedback ADD COLUMN about TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN about_ref TEXT NOT NULL DEFAULT '';
