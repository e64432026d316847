-- The schema exactly as the hand-written Migrations (removed with the move to Flyway) left a database at
-- version 4, with the table where they recorded their versions: a fixture for the carry-over test.
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);
CREATE TABLE subscription (
    chat_id          INTEGER PRIMARY KEY,
    send_at          TEXT    NOT NULL,
    zone             TEXT    NOT NULL,
    since            INTEGER NOT NULL,
    last_article_day TEXT,
    last_digest_date TEXT
);
CREATE TABLE digest (
    chat_id     INTEGER NOT NULL,
    local_date  TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('CLAIMED', 'SENT', 'FAILED', 'ABANDONED')),
    attempts    INTEGER NOT NULL,
    claimed_at  INTEGER NOT NULL,
    sent_at     INTEGER,
    article_day TEXT,
    PRIMARY KEY (chat_id, local_date)
);
CREATE TABLE summary (
    day         TEXT    PRIMARY KEY,
    version     TEXT    NOT NULL,
    document    TEXT    NOT NULL,
    computed_at INTEGER NOT NULL
);
ALTER TABLE digest ADD COLUMN next_attempt_at INTEGER;
ALTER TABLE digest ADD COLUMN claim_token TEXT;
CREATE TABLE inbox (
    update_id   INTEGER PRIMARY KEY,
    payload     TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    done_at     INTEGER
);
CREATE INDEX inbox_unfinished ON inbox (update_id) WHERE done_at IS NULL;
CREATE TABLE outbox (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id   INTEGER NOT NULL,
    message   TEXT    NOT NULL,
    update_id INTEGER NOT NULL,
    queued_at INTEGER NOT NULL,
    deadline  INTEGER NOT NULL,
    notice    INTEGER NOT NULL CHECK (notice IN (0, 1))
);
INSERT INTO schema_version (version, applied_at) VALUES (1, 1774677600000), (2, 1774677600001), (3, 1774677600002), (4, 1774677600003);
