-- Failed digests wait before the next attempt (UTC epoch millis; null: at once), and a claim names its holder,
-- so only the sender that holds it can mark the digest sent.
ALTER TABLE digest ADD COLUMN next_attempt_at BIGINT;
ALTER TABLE digest ADD COLUMN claim_token TEXT;
