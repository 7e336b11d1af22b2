-- Records, identities and review evidence hold names, dates of birth and identifiers: stored encrypted
-- (Expunge.Security.FieldCipher) JSON, as bytea. Values written before encryption become the cipher's plaintext form (a
-- leading 00 byte), still readable.
ALTER TABLE matching.source_record
    ALTER COLUMN identity TYPE bytea USING '\x00'::bytea || convert_to(identity::text, 'UTF8'),
    ALTER COLUMN record TYPE bytea USING '\x00'::bytea || convert_to(record::text, 'UTF8');
ALTER TABLE matching.review_pair
    ALTER COLUMN evidence TYPE bytea USING '\x00'::bytea || convert_to(evidence::text, 'UTF8');
