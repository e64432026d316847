package dev.briefing.bot.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.briefing.bot.store.ChatMemory;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Conversation;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Answers questions within conversations: keeps each conversation's recent turns by key (a private
 * chat, a thread of replies in a group, a command-line session) and forgets idle ones. The bot keeps them in the
 * store, so a follow-up after a restart, or one another instance answers, still resolves; the terminal chat keeps
 * its one conversation in memory.
 */
public final class ChatService {

    /** How long an idle conversation is kept: a follow-up after a coffee break still resolves. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);

    private final Responder answerer;
    private final Memory conversations;

    /** Answers with {@code answerer} (the knowledge base in service, a scripted one in tests), keeping turns in memory. */
    public ChatService(Responder answerer, Clock clock, Duration idle) {
        this(answerer, new InMemory(clock, idle));
    }

    /** Answers with {@code answerer}, keeping the turns in {@code store}, each conversation until {@code idle} after its last turn. */
    public ChatService(Responder answerer, ChatMemory store, Clock clock, Duration idle) {
        this(answerer, new Stored(store, clock, idle));
    }

    public ChatService(KnowledgeBase knowledge, Clock clock) {
        this(Objects.requireNonNull(knowledge, "knowledge")::ask, clock, DEFAULT_IDLE);
    }

    private ChatService(Responder answerer, Memory conversations) {
        this.answerer = Objects.requireNonNull(answerer, "answerer");
        this.conversations = conversations;
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
        Conversation c = conversations.get(key);
        return c == null ? Conversation.empty() : c;
    }

    /** Continues the conversation of {@code from} under {@code to} as well (a reply thread branching off). */
    public void branch(String from, String to) {
        conversations.put(to, conversation(from));
    }

    /** Forgets the conversation under {@code key}. */
    public void reset(String key) {
        conversations.remove(key);
    }

    /** Where the turns are kept. */
    private interface Memory {
        /** The conversation under {@code key}, or null. */
        Conversation get(String key);

        void put(String key, Conversation conversation);

        void remove(String key);
    }

    /** In this process only, each conversation forgotten {@code idle} after its last use. */
    private static final class InMemory implements Memory {
        private final Cache<String, Conversation> cache;

        InMemory(Clock clock, Duration idle) {
            Objects.requireNonNull(clock, "clock");
            this.cache = Caffeine.newBuilder()
                    .ticker(() -> clock.millis() * 1_000_000L)
                    .expireAfterAccess(idle)
                    .maximumSize(100_000)
                    .build();
        }

        @Override
        public Conversation get(String key) {
            return cache.getIfPresent(key);
        }

        @Override
        public void put(String key, Conversation conversation) {
            cache.put(key, conversation);
        }

        @Override
        public void remove(String key) {
            cache.invalidate(key);
        }
    }

    /** In the store, each conversation expiring {@code idle} after its last turn. */
    private static final class Stored implements Memory {
        private final ChatMemory store;
        private final Clock clock;
        private final Duration idle;

        Stored(ChatMemory store, Clock clock, Duration idle) {
            this.store = Objects.requireNonNull(store, "store");
            this.clock = Objects.requireNonNull(clock, "clock");
            this.idle = Objects.requireNonNull(idle, "idle");
        }

        @Override
        public Conversation get(String key) {
            return store.conversation(key, clock.instant()).map(ChatCodec::readConversation).orElse(null);
        }

        @Override
        public void put(String key, Conversation conversation) {
            store.saveConversation(key, ChatCodec.writeConversation(conversation), clock.instant().plus(idle));
        }

        @Override
        public void remove(String key) {
            store.forgetConversation(key);
        }
    }
}
