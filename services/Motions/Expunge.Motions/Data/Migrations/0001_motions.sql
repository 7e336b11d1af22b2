CREATE SCHEMA motions;

-- People of a run whose convictions have no decision yet: nothing can be filed for them.
CREATE TABLE motions.awaiting_decision (
    run_id      uuid        NOT NULL,
    person_id   uuid        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, person_id)
);
