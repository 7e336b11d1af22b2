-- Sealing: a sealed conviction's raw rows are found by their source record (across runs), and purged after the hold
-- (fields cleared, purged_at set; the row stays, so a run's counts and line numbers still add up).
CREATE INDEX raw_row_by_source_record ON ingestion.raw_row (source, source_record_id) WHERE rejection_code IS NULL;
ALTER TABLE ingestion.raw_row ADD COLUMN purged_at timestamptz;
