-- Which source records each run brought and the person each was linked to then (links.csv of a run lists every
-- record of the run, including records an earlier run already linked).
CREATE TABLE matching.run_link (
    run_id           uuid NOT NULL,
    source           text NOT NULL,
    source_record_id text NOT NULL,
    person_id        uuid NOT NULL,
    PRIMARY KEY (run_id, source, source_record_id)
);
