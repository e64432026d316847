package dev.briefing.bot.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which instance handles each chat: one at a time holds a chat's lease, handles its unfinished updates in update order
 * and sends its queued replies, so instances sharing the store answer each chat in the order it wrote. A lease is
 * claimed with one atomic statement (free, expired, or already the caller's), renewed while held, and released once
 * the chat has nothing left; a holder that dies leaves it to expire.
 */
public interface ChatLeases {

    /**
     * Claims the lease of {@code chatId} for {@code holder} until {@code now + lease}: succeeds when no instance holds
     * it, when its holder let it expire, or when {@code holder} holds it already (renewing it).
     *
     * @return true when {@code holder} now holds the lease
     */
    boolean claimChat(long chatId, String holder, Instant now, Duration lease);

    /** Extends every lease {@code holder} holds to {@code now + lease}; returns how many. */
    int renewChats(String holder, Instant now, Duration lease);

    /** Gives back {@code holder}'s lease of {@code chatId}; nothing when another holds it. */
    void releaseChat(long chatId, String holder);

    /** Gives back every lease {@code holder} holds (it is stopping); returns how many. */
    int releaseChats(String holder);

    /**
     * The chats with unfinished updates or queued messages whose lease is free, expired, or {@code holder}'s: what
     * {@code holder} may take on, lowest chat id first.
     */
    List<Long> chatsWaiting(String holder, Instant now);
}
