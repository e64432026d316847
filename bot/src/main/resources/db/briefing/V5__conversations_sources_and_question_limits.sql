-- What a restart, or another instance on the same database, must remember of the chats: each conversation's
-- recent turns (a JSON document), which conversation each answer sent belongs to (a reply to it continues that
-- conversation), the citations behind each Sources button, and each user's recent questions for the per-user
-- limit. Every row expires (UTC epoch millis); expired rows are ignored when read and deleted by a sweep.
CREATE TABLE conversation (
    conversation_key TEXT    PRIMARY KEY,
    turns            TEXT    NOT NULL,
    expires_at       BIGINT  NOT NULL
);

CREATE INDEX conversation_expiry ON conversation (expires_at);

CREATE TABLE answer_thread (
    chat_id          BIGINT  NOT NULL,
    message_id       BIGINT  NOT NULL,
    conversation_key TEXT    NOT NULL,
    expires_at       BIGINT  NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);

CREATE INDEX answer_thread_expiry ON answer_thread (expires_at);

-- message_id is null until the chat service has said which message carries the button.
CREATE TABLE sources_button (
    button_key TEXT    PRIMARY KEY,
    chat_id    BIGINT  NOT NULL,
    message_id BIGINT,
    citations  TEXT    NOT NULL,
    expires_at BIGINT  NOT NULL
);

CREATE INDEX sources_button_expiry ON sources_button (expires_at);

-- asked: the epoch millis of the user's questions still inside the window, oldest first, comma-separated.
CREATE TABLE question_limit (
    user_id    BIGINT  PRIMARY KEY,
    asked      TEXT    NOT NULL,
    expires_at BIGINT  NOT NULL
);

CREATE INDEX question_limit_expiry ON question_limit (expires_at);
