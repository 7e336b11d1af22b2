-- What a filing lists for the conviction (Expunge.Contracts.ConvictionFiling), kept with the decision so an
-- operator's later override can be filed without deciding the person again.
ALTER TABLE eligibility.determination ADD COLUMN filing jsonb;
