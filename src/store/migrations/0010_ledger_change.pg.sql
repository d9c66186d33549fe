-- 0010_ledger_change: the dossiers changed by each single write through the
-- API (receive, lifecycle event), keyed by the ledger generation the write
-- produced, so that a KPI snapshot of an older generation can be patched
-- instead of rebuilt (docs/internals/ledger.md, "Refresh after single
-- writes"). Bulk ingests are not journaled: a reader that finds a
-- generation without entries rebuilds. Old entries are pruned by the writer.
-- PostgreSQL form of this step (the SQLite form is 0010_ledger_change.sqlite.sql):
-- BIGINT for INTEGER (64-bit, as SQLite integers), identity keys for
-- INTEGER PRIMARY KEY, DOUBLE PRECISION for REAL, BYTEA for BLOB.
CREATE TABLE ledger_change (
    generation BIGINT NOT NULL,
    dossier_id BIGINT NOT NULL
);
CREATE INDEX ledger_change_generation ON ledger_change (generation);
