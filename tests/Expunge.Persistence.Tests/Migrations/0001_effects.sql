-- The observable effect of the test consumers: one row per message applied.
CREATE TABLE effect (
    stage      text NOT NULL,
    message_id uuid NOT NULL,
    run_id     uuid NOT NULL
);
