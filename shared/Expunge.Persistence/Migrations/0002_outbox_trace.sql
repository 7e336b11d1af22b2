-- The trace a message was staged in (W3C traceparent), so the relay publishes it as part of that trace: one trace
-- follows a batch through every service although each hop goes through a table first.
ALTER TABLE messaging.outbox ADD COLUMN trace_parent text;
