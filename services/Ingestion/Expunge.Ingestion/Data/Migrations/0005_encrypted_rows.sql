-- Rows hold names, dates of birth and identifiers: stored encrypted (Expunge.Security.FieldCipher), as bytea. fields
-- holds the JSON array of the row's fields, raw_text a rejected row's text, rejection_reason the reason (it may quote a
-- field: a malformed date of birth), event_json a record event. Rows written
-- before encryption become the cipher's plaintext form (a leading 00 byte), still readable.
ALTER TABLE ingestion.raw_row
    ALTER COLUMN fields TYPE bytea USING CASE WHEN fields IS NULL THEN NULL ELSE '\x00'::bytea || convert_to(array_to_json(fields)::text, 'UTF8') END,
    ALTER COLUMN raw_text TYPE bytea USING CASE WHEN raw_text IS NULL THEN NULL ELSE '\x00'::bytea || convert_to(raw_text, 'UTF8') END,
    ALTER COLUMN rejection_reason TYPE bytea USING CASE WHEN rejection_reason IS NULL THEN NULL ELSE '\x00'::bytea || convert_to(rejection_reason, 'UTF8') END;
ALTER TABLE ingestion.record_event
    ALTER COLUMN event_json TYPE bytea USING '\x00'::bytea || convert_to(event_json, 'UTF8');
