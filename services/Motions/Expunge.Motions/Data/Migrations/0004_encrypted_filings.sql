-- What a filing lists (name, date of birth, CII) and the documents made from it: stored encrypted
-- (Expunge.Security.FieldCipher), as bytea. bytes and sha256 stay those of the document a clerk downloads. Values
-- written before encryption become the cipher's plaintext form (a leading 00 byte), still readable.
ALTER TABLE motions.conviction
    ALTER COLUMN filing TYPE bytea USING '\x00'::bytea || convert_to(filing::text, 'UTF8');
UPDATE motions.document SET content = '\x00'::bytea || content;
