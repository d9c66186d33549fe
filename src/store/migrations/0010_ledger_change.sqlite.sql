-- 0010_ledger_change: the dossiers changed by each single write through the
-- API (receive, lifecycle event), keyed by the ledger generation the write
-- produced, so that a KPI snapshot of an older generation can be patched
-- instead of rebuilt (docs/internals/ledger.md, "Refresh after single
-- writes"). Bulk ingests are not journaled: a reader that finds a
-- generation without entries rebuilds. Old entries are pruned by the writer.
CREATE TABLE ledger_change (
    generation INTEGER NOT NULL,
    dossier_id INTEGER NOT NULL
);
CREATE INDEX ledger_change_generation ON ledger_change (generation);
