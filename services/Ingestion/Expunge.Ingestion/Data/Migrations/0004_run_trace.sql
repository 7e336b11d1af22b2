-- The trace of the request that closed the run: its batches are published later, by the run closer, in that trace.
ALTER TABLE ingestion.run ADD COLUMN trace_parent text;
