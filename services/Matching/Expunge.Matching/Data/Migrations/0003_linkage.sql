-- Entity resolution across sources (the linkage issue): a person may absorb another (merged_into redirects the
-- absorbed id, which is never reused); every record is kept with its standardisable identity and blocking keys.
ALTER TABLE matching.person ADD COLUMN merged_into uuid REFERENCES matching.person;

-- The latest version of every source record matching has seen: what a person's history is re-assembled from.
CREATE TABLE matching.source_record (
    source           text        NOT NULL,
    source_record_id text        NOT NULL,
    identity         jsonb       NOT NULL,
    record           jsonb       NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, source_record_id)
);

-- Blocking keys (Expunge.Linkage.Blocking): an incoming record is compared only with records sharing a key.
CREATE TABLE matching.block_key (
    key              text NOT NULL,
    source           text NOT NULL,
    source_record_id text NOT NULL,
    PRIMARY KEY (key, source, source_record_id)
);

-- Pairs in the clerical band (or links refused because CII numbers differ), for an operator to decide.
CREATE TABLE matching.review_pair (
    pair_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    a_source     text             NOT NULL,
    a_record_id  text             NOT NULL,
    b_source     text             NOT NULL,
    b_record_id  text             NOT NULL,
    probability  double precision NOT NULL,
    reason       text             NOT NULL,
    evidence     jsonb            NOT NULL,
    status       text             NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'linked', 'split', 'superseded')),
    opened_at    timestamptz      NOT NULL DEFAULT now(),
    decided_by   text,
    decided_at   timestamptz,
    note         text,
    UNIQUE (a_source, a_record_id, b_source, b_record_id)
);
CREATE INDEX review_pair_open ON matching.review_pair (opened_at) WHERE status = 'open';

-- Every change an operator made to who is who, kept forever.
CREATE TABLE matching.person_change (
    change_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('merge', 'split')),
    person_id    uuid        NOT NULL,
    other_person uuid,
    pair_id      bigint      REFERENCES matching.review_pair,
    decided_by   text        NOT NULL,
    note         text,
    decided_at   timestamptz NOT NULL DEFAULT now()
);

-- Linkage models trained on the stored records (EM); the newest is used.
CREATE TABLE matching.linkage_model (
    version      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trained_at   timestamptz NOT NULL DEFAULT now(),
    record_count integer     NOT NULL,
    model        jsonb       NOT NULL
);

-- links.csv lists county rows by case#count: one run_link per row (source_record_id is then the row id) with the record.
ALTER TABLE matching.run_link ADD COLUMN record_id text;
UPDATE matching.run_link SET record_id = source_record_id;
ALTER TABLE matching.run_link ALTER COLUMN record_id SET NOT NULL;
