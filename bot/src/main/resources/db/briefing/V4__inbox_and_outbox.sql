-- The durable inbox (updates stored before Telegram is told they arrived, done once their replies are queued)
-- and the durable outbox (replies stored before they are sent, removed once accepted).
CREATE TABLE inbox (
    update_id   BIGINT  PRIMARY KEY,
    payload     TEXT    NOT NULL,
    received_at BIGINT  NOT NULL,
    done_at     BIGINT
);

CREATE INDEX inbox_unfinished ON inbox (update_id) WHERE done_at IS NULL;

-- The id column (a placeholder): SQLite's INTEGER PRIMARY KEY AUTOINCREMENT, or PostgreSQL's identity column: ids in queueing order.
CREATE TABLE outbox (
    id        ${identity},
    chat_id   BIGINT  NOT NULL,
    message   TEXT    NOT NULL,
    update_id BIGINT  NOT NULL,
    queued_at BIGINT  NOT NULL,
    deadline  BIGINT  NOT NULL,
    notice    INTEGER NOT NULL CHECK (notice IN (0, 1))
);
