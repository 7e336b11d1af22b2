-- Linking reads its candidates from an in-memory index of every linked record (Expunge.Linkage.CandidateIndex), kept
-- as a cache of these tables: every change to who is who (a batch linked, an operator's link or split) takes the next
-- version, under this row's lock, and stamps the links it wrote with it, so an instance behind catches up on
-- exactly the links changed since (several instances, or a restart).
CREATE TABLE matching.link_state (
    id      integer PRIMARY KEY CHECK (id = 1),
    version bigint  NOT NULL
);
INSERT INTO matching.link_state VALUES (1, 0);

ALTER TABLE matching.source_link ADD COLUMN link_version bigint NOT NULL DEFAULT 0;
CREATE INDEX source_link_version ON matching.source_link (link_version);

-- Blocking keys now live in the index, computed from the stored identities.
DROP TABLE matching.block_key;

CREATE INDEX review_pair_split ON matching.review_pair (pair_id) WHERE status = 'split';

-- How many records are linked: what tells the model trainer the stored records have doubled, without a count(*).
ALTER TABLE matching.link_state ADD COLUMN records bigint NOT NULL DEFAULT 0;
UPDATE matching.link_state SET records = (SELECT count(*) FROM matching.source_link);
