-- What answering a linkage question changes (Expunge.CountyRecords.LinkageStakes): convictions both people report
-- (shared), determinations that differ apart and together (changed), of those the ones with relief in one reading
-- (eligible). A question that changes nothing is 'auto': the model's answer (two people) stands and is shown as such.
-- The open queue is asked most at stake first. While a question with shared convictions is open, the second person's
-- reports of them (deferred) are decided with the first person only, so each conviction is decided once.
ALTER TABLE matching.review_pair DROP CONSTRAINT review_pair_status_check;
ALTER TABLE matching.review_pair ADD CONSTRAINT review_pair_status_check CHECK (status IN ('open', 'auto', 'linked', 'split', 'superseded'));
ALTER TABLE matching.review_pair
    ADD COLUMN shared int NOT NULL DEFAULT 0,
    ADD COLUMN changed int NOT NULL DEFAULT 0,
    ADD COLUMN eligible int NOT NULL DEFAULT 0,
    ADD COLUMN deferred jsonb;
CREATE INDEX review_pair_queue ON matching.review_pair (shared DESC, eligible DESC, changed DESC, probability DESC) WHERE status = 'open';
