package dev.briefing.bot.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the chats must remember across a restart, and share between instances on one database: each conversation's
 * recent turns, which conversation each answer sent belongs to, the citations behind each Sources button, and each
 * user's recent questions. Documents are opaque here (the chat package encodes them); every row expires, and an
 * expired row reads as absent.
 */
public interface ChatMemory {

    /** The turns stored under {@code key}, unless they expired by {@code now}. */
    Optional<String> conversation(String key, Instant now);

    /** Stores (or replaces) the turns under {@code key} until {@code expiresAt}. */
    void saveConversation(String key, String turns, Instant expiresAt);

    void forgetConversation(String key);

    /** Records that message {@code messageId} in {@code chatId} is an answer of the conversation {@code key}. */
    void saveThread(long chatId, long messageId, String key, Instant expiresAt);

    /** The conversation the answer {@code messageId} in {@code chatId} belongs to, unless expired. */
    Optional<String> thread(long chatId, long messageId, Instant now);

    /** Stores the citations behind a Sources button, sent to {@code chatId}, until {@code expiresAt}. */
    void saveSources(String key, long chatId, String citations, Instant expiresAt);

    /** Records which message carries the button, once the chat service has said. */
    void sourcesSentAs(String key, long messageId);

    /** The button's payload, unless expired; {@code expiresAt} is moved on to keep a button in use alive. */
    Optional<Sources> sources(String key, Instant now, Instant expiresAt);

    /**
     * Counts a question of {@code userId} if fewer than {@code limit} were counted in the {@code window} before
     * {@code now}, atomically, also against other instances on the same database.
     *
     * @return false when the user is over the limit (the question is not counted)
     */
    boolean tryAcquireQuestion(long userId, int limit, Duration window, Instant now);

    /** Users whose questions are still inside their window at {@code now}. */
    long questionUsers(Instant now);

    /** Deletes every row expired by {@code now}; the number deleted. */
    int forgetExpired(Instant now);

    /**
     * A Sources button's payload.
     *
     * @param chatId the chat it was sent to
     * @param messageId the message carrying it, or 0 while unknown
     * @param citations the encoded citations
     */
    record Sources(long chatId, long messageId, String citations) {
        public Sources {
            Objects.requireNonNull(citations, "citations");
        }
    }
}
