-- Outbox bodies are stored encrypted (Expunge.Security.FieldCipher): a person's whole history travels in them.
-- Bodies written before encryption become the cipher's plaintext form (a leading 00 byte), still readable.
UPDATE messaging.outbox SET body = '\x00'::bytea || body;
