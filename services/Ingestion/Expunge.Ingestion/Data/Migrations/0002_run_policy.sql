-- A run may name its own policy (the JSON policy file it was submitted with); eligibility applies it.
ALTER TABLE ingestion.run ADD COLUMN policy_json text;
