-- Subscriptions and the exactly-once log of digests.
-- Written once for SQLite and PostgreSQL: BIGINT (64-bit in both) for ids and UTC epoch millis, TEXT for dates.
CREATE TABLE subscription (
    chat_id          BIGINT  PRIMARY KEY,
    send_at          TEXT    NOT NULL,
    zone             TEXT    NOT NULL,
    since            BIGINT  NOT NULL,
    last_article_day TEXT,
    last_digest_date TEXT
);

CREATE TABLE digest (
    chat_id     BIGINT  NOT NULL,
    local_date  TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('CLAIMED', 'SENT', 'FAILED', 'ABANDONED')),
    attempts    INTEGER NOT NULL,
    claimed_at  BIGINT  NOT NULL,
    sent_at     BIGINT,
    article_day TEXT,
    PRIMARY KEY (chat_id, local_date)
);
