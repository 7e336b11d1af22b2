-- A conviction may be reported by several sources (DOJ, court, DA): the decision lists them and their disagreements.
-- A person merged into another has its decisions withdrawn (the surviving person's decisions stand for them).
ALTER TABLE eligibility.determination
    ADD COLUMN sources text NOT NULL DEFAULT 'doj',
    ADD COLUMN source_references text[] NOT NULL DEFAULT '{}',
    ADD COLUMN conflicts text[] NOT NULL DEFAULT '{}',
    ADD COLUMN withdrawn_at timestamptz;
