-- Person histories, results rows and filing facts hold names, dates of birth and identifiers: stored encrypted
-- (Expunge.Security.FieldCipher), as bytea: a history as JSON, a results row as a JSON array. Values written before
-- encryption become the cipher's plaintext form (a leading 00 byte), still readable.
ALTER TABLE eligibility.person_history
    ALTER COLUMN history TYPE bytea USING '\x00'::bytea || convert_to(history::text, 'UTF8');
ALTER TABLE eligibility.determination
    ALTER COLUMN result_row TYPE bytea USING '\x00'::bytea || convert_to(array_to_json(result_row)::text, 'UTF8'),
    ALTER COLUMN filing TYPE bytea USING CASE WHEN filing IS NULL THEN NULL ELSE '\x00'::bytea || convert_to(filing::text, 'UTF8') END;
