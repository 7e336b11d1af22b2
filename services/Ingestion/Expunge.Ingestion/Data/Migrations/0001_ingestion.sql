CREATE SCHEMA ingestion;

-- One submission: a set of files, closed when the submitter says every file is in.
CREATE TABLE ingestion.run (
    run_id        uuid        PRIMARY KEY,
    status        text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closing', 'ingested')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    closed_at     timestamptz,
    ingested_at   timestamptz,
    rows_read     bigint      NOT NULL DEFAULT 0,
    rows_rejected bigint      NOT NULL DEFAULT 0,
    records       bigint,
    batch_count   integer
);

CREATE TABLE ingestion.run_file (
    file_id       integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id        uuid        NOT NULL REFERENCES ingestion.run,
    name          text        NOT NULL,
    kind          text        NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    rows_read     bigint      NOT NULL,
    rows_rejected bigint      NOT NULL,
    UNIQUE (run_id, name)
);

-- Every input row, accepted or not: a rejected row keeps its raw text and the reason, so nothing is lost.
CREATE TABLE ingestion.raw_row (
    run_id           uuid    NOT NULL,
    file_id          integer NOT NULL,
    line             bigint  NOT NULL,
    source_record_id text,
    fields           text[],
    rejection_code   text,
    rejection_reason text,
    raw_text         text,
    PRIMARY KEY (run_id, file_id, line)
);
CREATE INDEX raw_row_by_record ON ingestion.raw_row (run_id, source_record_id) WHERE rejection_code IS NULL;
CREATE INDEX raw_row_rejected ON ingestion.raw_row (run_id, file_id, line) WHERE rejection_code IS NOT NULL;
