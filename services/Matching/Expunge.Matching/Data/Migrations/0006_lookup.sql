-- Lookups by CII number, or by name and date of birth (README "Security"): keyed hashes (Expunge.Security.LookupHash)
-- of a record's normalised identifiers, never the values. Written with the record; records stored before this
-- migration have none until they are sent again.
CREATE TABLE matching.lookup_key (
    key              text NOT NULL,
    source           text NOT NULL,
    source_record_id text NOT NULL,
    PRIMARY KEY (key, source, source_record_id)
);
CREATE INDEX lookup_key_record ON matching.lookup_key (source, source_record_id);
