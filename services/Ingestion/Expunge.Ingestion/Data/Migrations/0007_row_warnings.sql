-- A kept row may hold a value that could not be read (a date of birth or a conviction date): the row is used, the value
-- is unknown, and the warning is listed on its line in errors.json (encrypted: it quotes the value).
ALTER TABLE ingestion.raw_row ADD COLUMN warning_code text, ADD COLUMN warning bytea;
ALTER TABLE ingestion.run_file ADD COLUMN rows_warned bigint NOT NULL DEFAULT 0;
