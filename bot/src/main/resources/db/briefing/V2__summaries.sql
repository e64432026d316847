-- Computed summaries, one per day, so a restart does not recompute them.
CREATE TABLE summary (
    day         TEXT    PRIMARY KEY,
    version     TEXT    NOT NULL,
    document    TEXT    NOT NULL,
    computed_at BIGINT  NOT NULL
);
