-- Shared by every service: inbox, outbox and per-run stage progress live in the service's own database.
CREATE SCHEMA IF NOT EXISTS messaging;

-- One row per message a consumer has applied; inserted in the consumer's own transaction.
CREATE TABLE messaging.inbox (
    consumer    text        NOT NULL,
    message_id  uuid        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);

-- Messages waiting to be published; written in the transaction that caused them.
CREATE TABLE messaging.outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id   uuid        NOT NULL UNIQUE,
    message_type text        NOT NULL,
    body         bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    sent_at      timestamptz
);
CREATE INDEX outbox_unsent ON messaging.outbox (id) WHERE sent_at IS NULL;

-- How far this service's stage has got with each run.
CREATE TABLE messaging.run_stage (
    run_id            uuid        PRIMARY KEY,
    expected_batches  integer,
    processed_batches integer     NOT NULL DEFAULT 0,
    items             bigint      NOT NULL DEFAULT 0,
    started_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    completed_at      timestamptz
);
