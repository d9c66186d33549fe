-- 0032_plan_edits: the corrections made to a plan (issue 14 items 3-4,
-- docs/internals/plan_edits.md). One row per batch of edits, in order:
-- phase 'import' for the edits of the import preview (applied to the parse
-- of the document with doc_hash by the parser named in `parser`, so the
-- original parse can be replayed), 'stored' for each later save of the plan
-- editor. `edits` is the JSON array of operations (docs/API.md, "Plan
-- edits"), format = PLANEDIT_FORMAT. Rows go with their plan.
CREATE TABLE plan_edit (
    plan_id  BIGINT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    seq      BIGINT NOT NULL,
    phase    TEXT NOT NULL CHECK (phase IN ('import', 'stored')),
    doc_hash TEXT NOT NULL,
    parser   TEXT NOT NULL,
    format   BIGINT NOT NULL,
    edits    TEXT NOT NULL,
    ops      BIGINT NOT NULL,
    at       TEXT NOT NULL,
    by_login TEXT NOT NULL,
    PRIMARY KEY (plan_id, seq)
);
