-- The trace of the work that asked for packages (a run's last batch, an operator): the filing worker continues it,
-- so a run's trace reaches notifications.
ALTER TABLE motions.filing_request ADD COLUMN trace_parent text;
