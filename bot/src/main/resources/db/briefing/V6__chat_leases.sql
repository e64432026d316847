-- Each chat's updates are handled, and its replies sent, by one instance at a time, in update order: the instance
-- holding a chat's lease (a random token per process; the lease runs until expires_at, UTC epoch millis, and is
-- renewed while held) handles the chat's unfinished updates and sends its queued replies. An instance that receives an
-- update for a chat another holds stores it and leaves it to the holder.
CREATE TABLE chat_lease (
    chat_id    BIGINT  PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at BIGINT  NOT NULL
);

-- The chat an update belongs to (0: none, or stored before this version), so a chat's unfinished updates are found.
ALTER TABLE inbox ADD COLUMN chat_id BIGINT NOT NULL DEFAULT 0;

CREATE INDEX inbox_unfinished_by_chat ON inbox (chat_id, update_id) WHERE done_at IS NULL;

CREATE INDEX outbox_by_chat ON outbox (chat_id, id);
