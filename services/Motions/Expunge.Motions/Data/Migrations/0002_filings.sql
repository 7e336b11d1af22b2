-- The current decision of every conviction motions has heard of (from eligibility's batches and revisions), with
-- what a filing lists. change_seq orders every change, so "everything decided since the last package" is a range.
CREATE SEQUENCE motions.conviction_change;

CREATE TABLE motions.conviction (
    source           text        NOT NULL,
    source_record_id text        NOT NULL,
    cnt_order        text        NOT NULL,
    row_id           text        NOT NULL UNIQUE,
    person_id        uuid        NOT NULL,
    determination    text        NOT NULL,
    reason_code      text        NOT NULL,
    policy           text        NOT NULL,
    policy_version   integer     NOT NULL,
    court            text        NOT NULL,
    agency           text        NOT NULL,
    filing           jsonb       NOT NULL,
    -- decided: as eligibility last said; withdrawn: the person no longer has it (merged away, re-keyed);
    -- granted: the court accepted it (awaiting DOJ's confirmation); rejected: the court refused it (back in review).
    status           text        NOT NULL DEFAULT 'decided' CHECK (status IN ('decided', 'withdrawn', 'granted', 'rejected')),
    change_seq       bigint      NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, source_record_id, cnt_order)
);
CREATE INDEX conviction_person ON motions.conviction (person_id);
CREATE INDEX conviction_by_change ON motions.conviction (change_seq);

-- Which convictions each run decided: a run's packages list these.
CREATE TABLE motions.run_conviction (
    run_id           uuid NOT NULL,
    source           text NOT NULL,
    source_record_id text NOT NULL,
    cnt_order        text NOT NULL,
    PRIMARY KEY (run_id, source, source_record_id, cnt_order)
);

-- A request for packages: a run's (when it completes, or again on an operator's request) or everything changed
-- since the last such request. The filing worker turns each into packages in one transaction.
CREATE TABLE motions.filing_request (
    request_id   uuid        PRIMARY KEY,
    run_id       uuid,
    since_seq    bigint,
    through_seq  bigint,
    requested_by text        NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now(),
    -- The request a run's completion made: its packages done, the run's end is announced (RunCompleted).
    announces_run boolean    NOT NULL DEFAULT false,
    batch_count  integer,
    people       bigint,
    completed_at timestamptz,
    packages     integer
);
CREATE INDEX filing_request_pending ON motions.filing_request (requested_at) WHERE completed_at IS NULL;

-- A filing package: one court and prosecuting agency of one request. package_key names the same filing across
-- versions (the run or "since", the court, the agency); each generation of it is a new version.
CREATE TABLE motions.package (
    package_id    uuid        PRIMARY KEY,
    package_key   text        NOT NULL,
    version       integer     NOT NULL,
    request_id    uuid        NOT NULL REFERENCES motions.filing_request,
    run_id        uuid,
    court         text        NOT NULL,
    agency        text        NOT NULL,
    rows          integer     NOT NULL,
    eligible_rows integer     NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (package_key, version)
);
CREATE INDEX package_run ON motions.package (run_id);

CREATE TABLE motions.package_row (
    package_id       uuid NOT NULL REFERENCES motions.package,
    row_id           text NOT NULL,
    list             text NOT NULL,
    source           text NOT NULL,
    source_record_id text NOT NULL,
    cnt_order        text NOT NULL,
    PRIMARY KEY (package_id, row_id)
);

CREATE TABLE motions.document (
    package_id uuid   NOT NULL REFERENCES motions.package,
    name       text   NOT NULL,
    media_type text   NOT NULL,
    bytes      bigint NOT NULL,
    sha256     text   NOT NULL,
    content    bytea  NOT NULL,
    PRIMARY KEY (package_id, name)
);

-- The court's answer for each row it was sent.
CREATE TABLE motions.court_response (
    package_id   uuid        NOT NULL REFERENCES motions.package,
    row_id       text        NOT NULL,
    outcome      text        NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
    reason       text,
    responded_by text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (package_id, row_id)
);
