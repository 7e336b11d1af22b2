-- Sealing (README "Sealing"): each source's report of a conviction the court granted relief for. Ids only, no personal
-- data, kept for ever: the record that the conviction is sealed, which views, exports and decisions consult.
-- purged_at: when this service deleted its working copies of the report's rows (after purge_after, the hold).
CREATE SCHEMA IF NOT EXISTS sealing;

CREATE TABLE sealing.sealed_report (
    source               text        NOT NULL,
    source_record_id     text        NOT NULL,
    reference            text        NOT NULL,
    conviction_source    text        NOT NULL,
    conviction_record_id text        NOT NULL,
    conviction_cnt_order text        NOT NULL,
    person_id            uuid        NOT NULL,
    package_id           uuid        NOT NULL,
    sealed_at            timestamptz NOT NULL,
    purge_after          timestamptz NOT NULL,
    purged_at            timestamptz,
    PRIMARY KEY (source, source_record_id, reference)
);
CREATE INDEX sealed_report_conviction ON sealing.sealed_report (conviction_source, conviction_record_id, conviction_cnt_order);
CREATE INDEX sealed_report_due ON sealing.sealed_report (purge_after) WHERE purged_at IS NULL;
