-- Candidates are found in this database again, by hashed blocking key, instead of in an in-memory index of every
-- linked record per process: that index grew with the county (1.5 GB at 1 M DOJ rows, 3.2 GB at 4 M) and made each
-- instance load and standardise every stored identity at start. A record is filed under each of its keys
-- (Expunge.Linkage.Blocking.KeyHashes: FNV-1a, 64 bits, stored as bigint); a batch reads the records sharing a key
-- with it, skipping blocks over their key's cap, as the index did.
CREATE TABLE matching.blocking_key (
    hash             bigint NOT NULL,
    source           text   NOT NULL,
    source_record_id text   NOT NULL
);
CREATE INDEX blocking_key_hash ON matching.blocking_key (hash);
-- A record sent again with another identity is filed again: its old keys are found by record.
CREATE INDEX blocking_key_record ON matching.blocking_key (source, source_record_id);

-- Records linked before this table existed are filed by the next batch (the keys are worked out in the service).
ALTER TABLE matching.link_state ADD COLUMN keys_filed boolean NOT NULL DEFAULT false;
UPDATE matching.link_state SET keys_filed = (records = 0);

-- Link versions were read only by the in-memory index's catch-up; the column stays (every change to who is who still
-- takes the next version under the link_state row lock), its index goes.
DROP INDEX matching.source_link_version;
