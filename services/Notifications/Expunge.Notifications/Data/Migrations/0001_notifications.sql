CREATE SCHEMA notifications;

-- What operators are told about: one row per event, keyed by the message that carried it.
CREATE TABLE notifications.operator_event (
    event_id    uuid        PRIMARY KEY,
    run_id      uuid        NOT NULL,
    kind        text        NOT NULL,
    summary     jsonb       NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX operator_event_run ON notifications.operator_event (run_id);
