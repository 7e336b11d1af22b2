-- Who receives what: court clerks receive their court's filing packages (every court's when court is NULL, one
-- agency's when agency is set); operators receive alerts. By email or by webhook (signed with the secret).
CREATE TABLE notifications.recipient (
    recipient_id uuid        PRIMARY KEY,
    audience     text        NOT NULL CHECK (audience IN ('clerk', 'operator')),
    channel      text        NOT NULL CHECK (channel IN ('email', 'webhook')),
    address      text        NOT NULL,
    name         text        NOT NULL DEFAULT '',
    court        text,
    agency       text,
    secret       text,
    active       boolean     NOT NULL DEFAULT true,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- One delivery per thing delivered (a package version, an alert) and recipient: the unique key is what makes a
-- duplicate FilingGenerated deliver once. Attempts are kept; after the last one fails the delivery is dead until an
-- operator retries it.
CREATE TABLE notifications.delivery (
    delivery_id     uuid        PRIMARY KEY,
    recipient_id    uuid        NOT NULL REFERENCES notifications.recipient,
    kind            text        NOT NULL CHECK (kind IN ('filing', 'alert')),
    subject_id      uuid        NOT NULL,
    payload         jsonb       NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts        integer     NOT NULL DEFAULT 0,
    -- attempts made before an operator's last retry: the retry gets a full set of attempts of its own.
    retry_from      integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (subject_id, recipient_id)
);
CREATE INDEX delivery_due ON notifications.delivery (next_attempt_at) WHERE status = 'pending';

CREATE TABLE notifications.delivery_attempt (
    delivery_id  uuid        NOT NULL REFERENCES notifications.delivery,
    attempt      integer     NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now(),
    succeeded    boolean     NOT NULL,
    error        text,
    PRIMARY KEY (delivery_id, attempt)
);

-- Conditions operators are told about (review backlog, error queue not empty, a delivery dead): one row while the
-- condition holds, so an operator is told once when it starts, not at every check.
CREATE TABLE notifications.alert (
    alert_id    uuid        PRIMARY KEY,
    kind        text        NOT NULL,
    key         text        NOT NULL,
    summary     text        NOT NULL,
    opened_at   timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz
);
CREATE UNIQUE INDEX alert_open ON notifications.alert (kind, key) WHERE resolved_at IS NULL;
