-- Who read or changed what through the service's API: one row per admitted business request, written before the
-- request runs (a request whose row cannot be written is not served). Append-only: the triggers refuse every update,
-- delete and truncate, whoever asks; a county that must purge it after its retention period does so as a database
-- administrator, deliberately, by dropping the trigger.
CREATE SCHEMA IF NOT EXISTS audit;

CREATE TABLE audit.event (
    event_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text        NOT NULL,   -- the API key's holder
    role       text        NOT NULL,
    acting_for text,                   -- the person a front end named (X-Expunge-Operator), when it named one
    action     text        NOT NULL CHECK (action IN ('read', 'change')),
    method     text        NOT NULL,
    route      text        NOT NULL,   -- the endpoint's pattern, e.g. /api/v1/people/{personId:guid}
    subject    jsonb       NOT NULL,   -- the route's values (ids), never a body
    trace_id   text
);
CREATE INDEX event_at ON audit.event (at);

CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit.event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON audit.event FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON audit.event FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
