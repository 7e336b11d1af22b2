CREATE SCHEMA eligibility;

-- Each person history as received for a run: the input every decision of that run is made from.
CREATE TABLE eligibility.person_history (
    person_id   uuid        NOT NULL,
    run_id      uuid        NOT NULL,
    sequence    integer     NOT NULL,
    history     jsonb       NOT NULL,
    state       text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'decided')),
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, person_id)
);
CREATE INDEX person_history_person ON eligibility.person_history (person_id);
