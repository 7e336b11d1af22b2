-- County sources (court and DA exports, county events) beside the DOJ extract: which source a row is from, and the
-- row's own key where a record (a court case) has several rows (its counts).
ALTER TABLE ingestion.raw_row
    ADD COLUMN source text NOT NULL DEFAULT 'doj',
    ADD COLUMN row_id text;
DROP INDEX ingestion.raw_row_by_record;
CREATE INDEX raw_row_by_record ON ingestion.raw_row (run_id, source, source_record_id) WHERE rejection_code IS NULL;

-- Single record events from county systems (HTTP or bus): (source, record id) is the idempotency key; a re-sent event
-- is the same event and changes nothing.
CREATE TABLE ingestion.record_event (
    source        text        NOT NULL,
    record_id     text        NOT NULL,
    run_id        uuid        NOT NULL,
    event_json    text        NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, record_id)
);
