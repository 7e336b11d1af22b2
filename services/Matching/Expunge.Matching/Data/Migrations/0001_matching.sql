CREATE SCHEMA matching;

-- A person: the stable id every later stage and every filing refers to.
CREATE TABLE matching.person (
    person_id      uuid        PRIMARY KEY,
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_run_id uuid        NOT NULL
);

-- Which person each source record belongs to. (source, source_record_id) is the source's idempotency key.
CREATE TABLE matching.source_link (
    source           text        NOT NULL,
    source_record_id text        NOT NULL,
    person_id        uuid        NOT NULL REFERENCES matching.person DEFERRABLE INITIALLY DEFERRED,
    first_run_id     uuid        NOT NULL,
    linked_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, source_record_id)
);
CREATE INDEX source_link_person ON matching.source_link (person_id);
