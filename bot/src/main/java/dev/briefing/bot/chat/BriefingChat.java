package dev.briefing.bot.chat;

import dev.briefing.bot.command.ChatActions;
import dev.briefing.bot.command.Command;
import dev.briefing.bot.command.CommandCall;
import dev.briefing.bot.command.CommandRegistry;
import dev.briefing.bot.message.Button;
import dev.briefing.bot.message.ButtonPress;
import dev.briefing.bot.message.ChatKind;
import dev.briefing.bot.message.DeliveryException;
import dev.briefing.bot.message.Html;
import dev.briefing.bot.message.Inbox;
import dev.briefing.bot.message.Incoming;
import dev.briefing.bot.message.IncomingMessage;
import dev.briefing.bot.message.Messenger;
import dev.briefing.bot.message.OutgoingMessage;
import dev.briefing.bot.outbox.Outbox;
import dev.briefing.bot.outbox.Replies;
import dev.briefing.bot.store.ChatMemory;
import dev.briefing.knowledge.answer.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bot's side of every chat: decides what a message asks, answers questions within their conversation,
 * runs commands, and shows sources on request. Work runs on a pool, one task at a time per chat, so the
 * receiving thread never waits and one chat's slow answer does not delay another's.
 *
 * <p>Conversations: a private chat has one, until {@code /new}. In a group each question starts one, and a
 * reply to one of the bot's answers continues the conversation as it stood at that answer, so two people
 * can follow up on two answers side by side.
 *
 * <p>What a chat must remember is in the store ({@link ChatMemory}): each conversation's turns, which conversation
 * each answer belongs to, the citations behind each Sources button, each user's recent questions. A follow-up after a
 * restart, or one another instance on the same database receives, resolves against the earlier turns, and a Sources
 * button pressed then still works.
 */
public final class BriefingChat implements Inbox {

    private static final Logger log = LoggerFactory.getLogger(BriefingChat.class);

    /** Telegram shows "typing…" for 5 seconds: renew it a little sooner while an answer is being made. */
    private static final Duration TYPING_RENEWAL = Duration.ofSeconds(4);
    private static final String SOURCES = "src:";
    /** How often expired conversations, threads, Sources and question counts are deleted (by whichever chat asks next). */
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);

    private final Knowledge knowledge;
    private final ChatService conversations;
    private final CommandRegistry commands;
    private final Outbox outbox;
    private final Messenger messenger;
    private final Addressing addressing;
    private final ChatSettings settings;
    private final QuestionLimiter limiter;
    private final ChatWorkers workers;
    private final ScheduledExecutorService timer;
    private final Executor network;
    private final MessageSplitter splitter = new MessageSplitter(OutgoingMessage.MAX_LENGTH);
    /** Answer threads and Sources buttons, by the random key the button carries. */
    private final ChatMemory memory;
    private final Clock clock;
    private final AtomicLong lastSweep = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param botUsername the bot's username without {@code @}, to tell mentions and {@code /cmd@name}
     * @param memory where conversations, answer threads, Sources buttons and question counts are kept
     * @param workers runs the answering, off the receiving thread
     * @param timer says when to renew the typing indicator; it only hands the call to {@code network}, so a slow
     *              Bot API never holds it (the outbox's rounds may share it)
     * @param network runs the typing indicator's calls, which block on the network
     */
    public BriefingChat(Knowledge knowledge, CommandRegistry commands, Outbox outbox, Messenger messenger,
                        String botUsername, ChatSettings settings, ChatMemory memory, Clock clock, Executor workers,
                        ScheduledExecutorService timer, Executor network) {
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.conversations = new ChatService(knowledge, memory, clock, settings.idle());
        this.commands = Objects.requireNonNull(commands, "commands");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.messenger = Objects.requireNonNull(messenger, "messenger");
        this.addressing = new Addressing(botUsername);
        this.limiter = new QuestionLimiter(settings.questionsPerWindow(), settings.questionWindow(), clock, memory);
        this.workers = new ChatWorkers(workers);
        this.timer = Objects.requireNonNull(timer, "timer");
        this.network = Objects.requireNonNull(network, "network");
    }

    @Override
    public void receive(Incoming incoming) {
        receive(incoming, outbox.replies(OptionalLong.empty()));
    }

    /**
     * Handles update {@code updateId}: its replies are queued together, and the update marked done with them, once
     * it has been handled (or refused because the chat is busy), so an update cut off by a crash is handled again.
     *
     * @return completes once the update was handled and each of its replies has left the outbox (sent, or given up
     *         on): until then the chat's next update must not be answered elsewhere
     */
    public CompletableFuture<Void> receive(Incoming incoming, long updateId) {
        Tracked replies = new Tracked(outbox.replies(OptionalLong.of(updateId)));
        receive(incoming, replies);
        return replies.settled;
    }

    private void receive(Incoming incoming, Replies replies) {
        ChatWorkers.Admission admission = workers.submit(incoming.chatId(), () -> {
            try {
                if (incoming instanceof IncomingMessage m) {
                    handle(replies, m);
                } else if (incoming instanceof ButtonPress p) {
                    pressed(replies, p);
                }
            } finally {
                // Also when handling failed: the user was told, and the update must not be handled again forever.
                replies.commit();
            }
        });
        if (admission == ChatWorkers.Admission.QUEUED) {
            return;
        }
        // The refusal is logged by the workers; the chat hears it once, not once per message it keeps sending.
        if (admission == ChatWorkers.Admission.BUSY && incoming instanceof IncomingMessage m) {
            reply(replies, m, "I am still working through earlier questions in this chat. Please ask again in a minute.");
        }
        replies.commit();
    }

    /**
     * Waits up to {@code timeout} for the messages already received to be handled, so a shutdown does not drop
     * them; call it after receiving stops. False when some were still waiting.
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        return workers.drain(timeout);
    }

    private void handle(Replies replies, IncomingMessage m) {
        if (m.text() == null) {
            if (m.chatKind() == ChatKind.PRIVATE) {
                reply(replies, m, "I can only read text. Please write your question in words.");
            }
            return;
        }
        Addressing.Request request = addressing.classify(m);
        if (request instanceof Addressing.Question q) {
            answer(replies, m, q.text());
        } else if (request instanceof Addressing.CommandRequest c) {
            Optional<Command> command = commands.find(c.name());
            if (command.isPresent()) {
                run(command.get(), c.arguments(), replies, m);
            } else if (m.chatKind() == ChatKind.PRIVATE || c.addressed()) {
                reply(replies, m, "I don't know /" + Html.escape(c.name()) + ". /help lists what I can do.");
            }
        }
    }

    /** Runs {@code command} with {@code arguments}, as if {@code m} had named it. */
    private void run(Command command, String arguments, Replies replies, IncomingMessage m) {
        command.handler().handle(new CommandCall(command, arguments, m, actions(replies, m)));
    }

    private ChatActions actions(Replies replies, IncomingMessage m) {
        return new ChatActions() {
            @Override
            public void reply(String html) {
                BriefingChat.this.reply(replies, m, html);
            }

            @Override
            public void ask(String question) {
                answer(replies, m, question);
            }

            @Override
            public void forgetConversation() {
                if (m.chatKind() == ChatKind.PRIVATE) {
                    conversations.reset(privateKey(m.chatId()));
                    reply("Starting afresh: I have forgotten our earlier questions.");
                } else {
                    reply("In a group every question starts afresh; reply to one of my answers to follow it up.");
                }
            }
        };
    }

    private void answer(Replies replies, IncomingMessage m, String question) {
        String q = question.strip();
        if (q.isEmpty()) {
            reply(replies, m, "Please write a question, for example: <code>/ask What happened in Kazakhstan?</code>");
            return;
        }
        Optional<SmallTalk.Kind> smallTalk = SmallTalk.of(q);
        if (smallTalk.isPresent()) {
            // neither a turn of the conversation nor a question the limiter counts
            switch (smallTalk.get()) {
                case THANKS -> reply(replies, m, Html.escape(SmallTalk.WELCOME));
                case GREETING -> reply(replies, m, Html.escape(SmallTalk.HELLO));
                case HELP -> run(commands.find("help").orElseThrow(), "", replies, m);
                case ACKNOWLEDGEMENT -> reply(replies, m, Html.escape(SmallTalk.NOTED));
            }
            return;
        }
        if (q.length() > settings.maxQuestionLength()) {
            reply(replies, m, "That question is " + q.length() + " characters long; please keep it under "
                    + settings.maxQuestionLength() + ".");
            return;
        }
        if (!limiter.tryAcquire(m.userId())) {
            reply(replies, m, "You have asked " + limiter.limit() + " questions in the last " + describe(limiter.window())
                    + ". Please wait a moment, so everyone gets answers.");
            return;
        }
        String key = conversationKey(m);
        Answer answer;
        ScheduledFuture<?> typing = showTyping(m.chatId());
        try {
            answer = conversations.ask(key, q);
        } catch (RuntimeException e) {
            log.error("chat {}: answering failed", m.chatId(), e);
            reply(replies, m, "Sorry, I could not answer that just now. Please try again in a moment.");
            return;
        } finally {
            typing.cancel(false);
        }
        List<String> parts = splitter.split(AnswerFormatter.answer(answer));
        for (int i = 0; i < parts.size(); i++) {
            List<Button> buttons = List.of();
            String button = null;
            if (i == parts.size() - 1 && answer.answered()) {
                // Stored before the message is queued, so the button works whenever it is pressed.
                button = sourcesKey();
                memory.saveSources(button, m.chatId(), ChatCodec.writeCitations(answer.citations()), expiry());
                buttons = List.of(new Button("Sources", SOURCES + button));
            }
            CompletableFuture<Integer> sent = replies.post(new OutgoingMessage(m.chatId(), parts.get(i), m.messageId(), buttons));
            String under = button;
            sent.thenAccept(id -> {
                memory.saveThread(m.chatId(), id, key, expiry());
                if (under != null) {
                    memory.sourcesSentAs(under, id);
                }
            });
        }
        sweepNowAndThen();
    }

    private Instant expiry() {
        return clock.instant().plus(settings.idle());
    }

    /** Deletes what expired, at most once per {@link #SWEEP_EVERY}, on the thread of the answer that noticed. */
    private void sweepNowAndThen() {
        long now = clock.millis();
        long last = lastSweep.get();
        if (now - last >= SWEEP_EVERY.toMillis() && lastSweep.compareAndSet(last, now)) {
            try {
                memory.forgetExpired(clock.instant());
            } catch (RuntimeException e) {
                log.warn("could not delete expired conversations: {}", e.getMessage());
            }
        }
    }

    /** Private chats have one conversation; in groups each question starts one, or continues the answer replied to. */
    private String conversationKey(IncomingMessage m) {
        if (m.chatKind() == ChatKind.PRIVATE) {
            return privateKey(m.chatId());
        }
        String key = "group:" + m.chatId() + ":" + m.messageId();
        if (m.replyToBot() && m.replyTo() != null) {
            memory.thread(m.chatId(), m.replyTo(), clock.instant()).ifPresent(replied -> conversations.branch(replied, key));
        }
        return key;
    }

    private void pressed(Replies replies, ButtonPress p) {
        try {
            messenger.acknowledge(p);
        } catch (DeliveryException e) {
            log.info("chat {}: could not acknowledge a button press: {}", p.chatId(), e.getMessage());
        }
        if (!p.data().startsWith(SOURCES)) {
            return;
        }
        Optional<ChatMemory.Sources> button = memory.sources(p.data().substring(SOURCES.length()), clock.instant(), expiry());
        // A button pressed anywhere but under the answer it was sent with (another chat that learnt or guessed its
        // data) is told what an expired one is told, so the reply does not say whether the key exists.
        String html = button.isEmpty() || !isUnder(button.get(), p.chatId(), p.messageId())
                ? "Those sources are not available here any more. Ask the question again to see them."
                : AnswerFormatter.sources(ChatCodec.readCitations(button.get().citations()), knowledge::passage);
        post(replies, p.chatId(), html, p.messageId());
    }

    /**
     * A key no one can guess: 128 random bits, base64url without padding (22 characters, so {@code src:} and the key
     * take 26 of the 64 bytes Telegram allows in callback data).
     */
    private String sourcesKey() {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /**
     * Whether a press is under the button: in its chat, and under its message once the chat service has said which
     * (until then, any message of the chat).
     */
    private static boolean isUnder(ChatMemory.Sources button, long pressChatId, int pressMessageId) {
        return pressChatId == button.chatId() && (button.messageId() == 0 || button.messageId() == pressMessageId);
    }

    private void reply(Replies replies, IncomingMessage m, String html) {
        post(replies, m.chatId(), html, m.messageId());
    }

    private void post(Replies replies, long chatId, String html, Integer replyTo) {
        for (String part : splitter.split(html)) {
            replies.post(OutgoingMessage.reply(chatId, part, replyTo));
        }
    }

    /**
     * Shows "typing…" until the returned future is cancelled. The calls run on {@code network}, never on the timer or
     * the answering thread, and at most one at a time per answer, so a slow Bot API costs only the indicator.
     */
    private ScheduledFuture<?> showTyping(long chatId) {
        AtomicBoolean calling = new AtomicBoolean();
        Runnable typing = () -> {
            if (!calling.compareAndSet(false, true)) {
                return; // the last call has not come back yet
            }
            try {
                network.execute(() -> {
                    try {
                        messenger.typing(chatId);
                    } catch (DeliveryException | RuntimeException e) {
                        log.debug("chat {}: typing indicator failed: {}", chatId, e.getMessage());
                    } finally {
                        calling.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                calling.set(false);
                log.debug("chat {}: no typing indicator, the bot is stopping", chatId);
            }
        };
        typing.run();
        long every = TYPING_RENEWAL.toMillis();
        return timer.scheduleAtFixedRate(typing, every, every, TimeUnit.MILLISECONDS);
    }

    private static String privateKey(long chatId) {
        return "private:" + chatId;
    }

    private static String describe(Duration d) {
        return d.equals(Duration.ofMinutes(1)) ? "minute" : d.toSeconds() + " seconds";
    }

    /** Replies that say when all of them have left the outbox, once committed. */
    private static final class Tracked implements Replies {
        private final Replies replies;
        private final List<CompletableFuture<Integer>> sent = new java.util.ArrayList<>();
        final CompletableFuture<Void> settled = new CompletableFuture<>();

        Tracked(Replies replies) {
            this.replies = replies;
        }

        @Override
        public synchronized CompletableFuture<Integer> post(OutgoingMessage message) {
            CompletableFuture<Integer> result = replies.post(message);
            sent.add(result);
            return result;
        }

        @Override
        public synchronized void commit() {
            try {
                replies.commit();
            } finally {
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                        .whenComplete((ok, failure) -> settled.complete(null));
            }
        }
    }
}
