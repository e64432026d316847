package dev.briefing.bot.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.query.Conversation;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Answers questions within conversations: keeps each conversation's recent turns by key (a private
 * chat, a thread of replies in a group, a command-line session) and forgets idle ones.
 */
public final class ChatService {

    /** How long an idle conversation is kept: a follow-up after a coffee break still resolves. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);

    private final Responder answerer;
    private final Cache<String, Conversation> conversations;

    /** Answers with {@code answerer}: the knowledge base in service, a scripted one in tests. */
    public ChatService(Responder answerer, Clock clock, Duration idle) {
        this.answerer = Objects.requireNonNull(answerer, "answerer");
        Objects.requireNonNull(clock, "clock");
        Ticker ticker = () -> clock.millis() * 1_000_000L;
        this.conversations = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(idle)
                .maximumSize(100_000)
                .build();
    }

    public ChatService(KnowledgeBase knowledge, Clock clock, Duration idle) {
        this(Objects.requireNonNull(knowledge, "knowledge")::ask, clock, idle);
    }

    public ChatService(KnowledgeBase knowledge, Clock clock) {
        this(knowledge, clock, DEFAULT_IDLE);
    }

    /** Answers {@code question} as the next turn of the conversation under {@code key}. */
    public Answer ask(String key, String question) {
        Conversation before = conversation(key);
        Answer answer = answerer.ask(question, before);
        conversations.put(key, before.with(new Conversation.Turn(question, answer)));
        return answer;
    }

    /** The conversation under {@code key}, empty when there is none. */
    public Conversation conversation(String key) {
        Conversation c = conversations.getIfPresent(key);
        return c == null ? Conversation.empty() : c;
    }

    /** Continues the conversation of {@code from} under {@code to} as well (a reply thread branching off). */
    public void branch(String from, String to) {
        conversations.put(to, conversation(from));
    }

    /** Forgets the conversation under {@code key}. */
    public void reset(String key) {
        conversations.invalidate(key);
    }
}
