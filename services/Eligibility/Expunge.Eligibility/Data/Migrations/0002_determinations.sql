-- County policies, versioned: a new policy for a county is a new version; old versions stay readable.
CREATE TABLE eligibility.policy (
    county      text        NOT NULL,
    version     integer     NOT NULL,
    name        text        NOT NULL,
    policy_json text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text        NOT NULL,
    PRIMARY KEY (county, version)
);

-- Every decision ever made, per run. A later decision for the same conviction supersedes the earlier one, which is
-- kept (superseded_by points at its successor): nothing is overwritten.
CREATE TABLE eligibility.determination (
    determination_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id           uuid        NOT NULL,
    person_id        uuid        NOT NULL,
    source           text        NOT NULL,
    source_record_id text        NOT NULL,
    cnt_order        text        NOT NULL,
    county           text        NOT NULL,
    section          text        NOT NULL,
    determination    text        NOT NULL,
    reason_code      text        NOT NULL,
    policy           text        NOT NULL,
    policy_version   integer     NOT NULL,
    as_of            date        NOT NULL,
    result_row       text[]      NOT NULL,
    decided_by       text        NOT NULL DEFAULT 'rules',
    note             text,
    decided_at       timestamptz NOT NULL DEFAULT now(),
    superseded_by    bigint      REFERENCES eligibility.determination
);
CREATE INDEX determination_run ON eligibility.determination (run_id);
CREATE INDEX determination_current ON eligibility.determination (source, source_record_id, cnt_order) WHERE superseded_by IS NULL;
CREATE INDEX determination_person ON eligibility.determination (person_id);

-- People an operator must look at: any Hand Review decision puts the decision here until it is confirmed or overridden.
CREATE TABLE eligibility.review_item (
    determination_id bigint      PRIMARY KEY REFERENCES eligibility.determination,
    person_id        uuid        NOT NULL,
    run_id           uuid        NOT NULL,
    status           text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'overridden', 'superseded')),
    opened_at        timestamptz NOT NULL DEFAULT now(),
    resolved_by      text,
    resolved_at      timestamptz,
    resolution_note  text,
    override_id      bigint      REFERENCES eligibility.determination
);
CREATE INDEX review_item_open ON eligibility.review_item (opened_at) WHERE status = 'open';

-- The impact of the run's policy on each person (eligibility.md, "Summary"), so a run's summary is a sum.
ALTER TABLE eligibility.person_history
    ADD COLUMN policy_no_felony_left boolean NOT NULL DEFAULT false,
    ADD COLUMN policy_no_conviction_left boolean NOT NULL DEFAULT false,
    ADD COLUMN policy_no_recent_left boolean NOT NULL DEFAULT false,
    ADD COLUMN all_no_felony_left boolean NOT NULL DEFAULT false,
    ADD COLUMN all_no_conviction_left boolean NOT NULL DEFAULT false,
    ADD COLUMN all_no_recent_left boolean NOT NULL DEFAULT false,
    ADD COLUMN subjects integer NOT NULL DEFAULT 0,
    ADD COLUMN run_policy text,
    ADD COLUMN run_policy_version integer;
