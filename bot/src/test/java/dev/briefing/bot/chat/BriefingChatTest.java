package dev.briefing.bot.chat;

import dev.briefing.bot.command.BuiltInCommands;
import dev.briefing.bot.command.CommandRegistry;
import dev.briefing.bot.message.ButtonPress;
import dev.briefing.bot.message.ChatKind;
import dev.briefing.bot.message.IncomingMessage;
import dev.briefing.bot.message.OutgoingMessage;
import dev.briefing.bot.testing.FakeClock;
import dev.briefing.bot.outbox.Outbox;
import dev.briefing.bot.outbox.RecordingMessenger;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Conversation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat logic without Telegram: messages in, recorded messages out, answers scripted. */
class BriefingChatTest {

    static final long ALICE = 11;
    static final long BOB = 12;
    static final long GROUP = -500;

    final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    final RecordingMessenger messenger = new RecordingMessenger();
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    ScriptedKnowledge knowledge = new ScriptedKnowledge();
    /** Delivers at once, so what the chat sent is in {@code messenger.sent} when receive returns. */
    final Semaphore posted = new Semaphore(0);
    final Outbox outbox = message -> {
        try {
            CompletableFuture<Integer> sent = CompletableFuture.completedFuture(messenger.send(message));
            posted.release();
            return sent;
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    };

    @TempDir
    Path data;
    /** The real store on a temporary file: conversations, threads, Sources and question counts live there. */
    JdbcStore store;

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
        if (store != null) {
            store.close();
        }
    }

    BriefingChat chat(ChatSettings settings) {
        return chat(settings, knowledge, Runnable::run);
    }

    BriefingChat chat(ChatSettings settings, Knowledge k, java.util.concurrent.Executor workers) {
        return chat(settings, k, workers, timer, Runnable::run);
    }

    BriefingChat chat(ChatSettings settings, Knowledge k, Executor workers, ScheduledExecutorService typingTimer,
                      Executor network) {
        CommandRegistry commands = new BuiltInCommands(new CommandRegistry(), k::catalog, k::articles).registerAll();
        if (store == null) {
            store = JdbcStore.open(data);
        }
        return new BriefingChat(k, commands, outbox, messenger, "BriefingBot", settings, store, clock, workers, typingTimer,
                network);
    }

    static IncomingMessage privateText(int id, String text) {
        return IncomingMessage.text(ALICE, ChatKind.PRIVATE, id, ALICE, text);
    }

    @Test
    void answersAPrivateQuestionThreadedWithASourcesButtonWhileTyping() {
        // given a private chat
        BriefingChat chat = chat(ChatSettings.DEFAULTS);
        // when a question arrives
        chat.receive(privateText(5, "What did Tokayev order?"));
        // then "typing" was shown and one threaded answer with a Sources button went out
        assertEquals(List.of(ALICE), messenger.typing);
        OutgoingMessage answer = only();
        assertEquals(5, answer.replyTo());
        assertTrue(answer.html().startsWith("Answer to: What did Tokayev order? [1]"), answer.html());
        assertEquals("Sources", answer.buttons().get(0).label());
    }

    @Test
    void showsSourcesWhenTheButtonIsPressed() {
        // given an answer with a Sources button
        BriefingChat chat = chat(ChatSettings.DEFAULTS);
        chat.receive(privateText(5, "What did Tokayev order?"));
        String data = only().buttons().get(0).data();
        messenger.sent.clear();
        // when it is pressed
        chat.receive(new ButtonPress("press-1", ALICE, ChatKind.PRIVATE, 101, ALICE, data));
        // then the press is acknowledged and the paragraphs come, threaded to the answer
        assertEquals(List.of("press-1"), messenger.acknowledged);
        OutgoingMessage sources = only();
        assertEquals(101, sources.replyTo());
        assertTrue(sources.html().contains("<b>" + ScriptedKnowledge.QUOTE + "</b>"), sources.html());
    }

    @Test
    void saysSoWhenSourcesHaveExpired() {
        // given an answer whose conversation has been idle past the limit
        BriefingChat chat = chat(ChatSettings.DEFAULTS);
        chat.receive(privateText(5, "What did Tokayev order?"));
        String data = only().buttons().get(0).data();
        messenger.sent.clear();
        clock.advance(ChatSettings.DEFAULTS.idle().plusMinutes(1));
        // when the button is pressed
        chat.receive(new ButtonPress("press-2", ALICE, ChatKind.PRIVATE, 101, ALICE, data));
        // then the user is told to ask again
        assertTrue(only().html().contains("not available"), only().html());
    }

    @Test
    void sourcesButtonsCarryUnguessableKeysWithinTelegramsLimit() {
        // given two answers to the same question
        BriefingChat chat = chat(ChatSettings.DEFAULTS);
        chat.receive(privateText(5, "What did Tokayev order?"));
        chat.receive(privateText(6, "What did Tokayev order?"));
        // when their buttons are read
        String first = messenger.sent.get(0).buttons().get(0).data();
        String second = messenger.sent.get(1).buttons().get(0).data();
        // then each carries 128 random bits in base64url, and no two are alike or sequential
        assertTrue(first.matches("src:[A-Za-z0-9_-]{22}"), first);
        assertTrue(second.matches("src:[A-Za-z0-9_-]{22}"), second);
        assertNotEquals(first, second);
        assertTrue(first.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 64, first);
    }

    @Test
    void anotherChatPressingTheSameDataIsToldTheSourcesAreNotAvailable() {
        // given Alice's answer and its button's data
        BriefingChat chat = chat(ChatSettings.DEFAULTS);
        chat.receive(privateText(5, "What did Tokayev order?"));
        String data = only().buttons().get(0).data();
        messenger.sent.clear();
        // when Bob's chat, and then a group, press a button carrying the same data
        chat.receive(new ButtonPress("press-3", BOB, ChatKind.PRIVATE, 101, BOB, data));
        chat.receive(new ButtonPress("press-4", GROUP, ChatKind.GROUP, 101, BOB, data));
        // then neither sees Alice's sources
        assertEquals(2, messenger.sent.size(), messenger.sent.toString());
        for (OutgoingMessage m : messenger.sent) {
            assertTrue(m.html().contains("not available"), m.html());
            assertFalse(m.html().contains(ScriptedKnowledge.QUOTE), m.html());
        }
    }

    @Test
    void theDataPressedUnderAnotherMessageOfTheSameChatShowsNothing() {
        // given an answer sent as message 101 (the recording messenger numbers from 101)
        BriefingChat chat = chat(ChatSettings.DEFAULTS);
        chat.receive(privateText(5, "What did Tokayev order?"));
        String data = only().buttons().get(0).data();
        messenger.sent.clear();
        // when the data comes back under message 55 of the same chat
        chat.receive(new ButtonPress("press-5", ALICE, ChatKind.PRIVATE, 55, ALICE, data));
        // then the sources are not shown; under 101 they are
        assertTrue(only().html().contains("not available"), only().html());
        messenger.sent.clear();
        chat.receive(new ButtonPress("press-6", ALICE, ChatKind.PRIVATE, 101, ALICE, data));
        assertTrue(only().html().contains("<b>" + ScriptedKnowledge.QUOTE + "</b>"), only().html());
    }

    @Test
    void forgetsThePrivateConversationOnNew() {
        // given a private chat with one answered question
        BriefingChat chat = chat(ChatSettings.DEFAULTS);
        chat.receive(privateText(1, "Who is Tokayev?"));
        // when the user sends /new and asks again
        chat.receive(privateText(3, "/new"));
        chat.receive(privateText(5, "What did he order?"));
        // then the last question starts a new conversation
        assertEquals(List.of(), knowledge.asked.get(1).earlier());
        assertTrue(messenger.sent.get(1).html().startsWith("Starting afresh"), messenger.sent.get(1).html());
    }

    @Test
    void continuesTheConversationOfTheAnswerRepliedToInAGroup() {
        // given a group where Alice and then Bob asked
        BriefingChat chat = chat(ChatSettings.DEFAULTS);
        chat.receive(IncomingMessage.text(GROUP, ChatKind.GROUP, 1, ALICE, "/ask Who is Tokayev?"));
        chat.receive(IncomingMessage.text(GROUP, ChatKind.GROUP, 3, BOB, "/ask@BriefingBot Why did prices rise?"));
        // when Alice replies to the answer she got (message 101, the first the messenger sent)
        chat.receive(new IncomingMessage(GROUP, ChatKind.GROUP, 5, ALICE, "What did he order?", 101, true));
        // then her follow-up is answered in her conversation, not Bob's
        assertEquals(List.of("Who is Tokayev?"), knowledge.asked.get(2).earlier());
    }

    @Test
    void thanksGreetingsHelpAndAcknowledgementsAreNoQuestionsAndLeaveTheConversationAndTheLimitAlone() {
        // given a private chat allowed two questions a minute, with one asked
        BriefingChat chat = chat(ChatSettings.DEFAULTS.withQuestionsPerWindow(2));
        chat.receive(privateText(1, "Who is Tokayev?"));
        messenger.sent.clear();
        // when the user thanks, greets, asks for help and says "got it", then follows up
        chat.receive(privateText(3, "Great, thanks!"));
        chat.receive(privateText(5, "hello"));
        chat.receive(privateText(7, "help"));
        chat.receive(privateText(8, "got it"));
        chat.receive(privateText(9, "What did he order?"));
        // then none of the four was asked of the knowledge, and the follow-up is answered within the first
        // question's conversation, as the second question of the minute
        assertEquals(List.of("Who is Tokayev?", "What did he order?"),
                knowledge.asked.stream().map(ScriptedKnowledge.Asked::question).toList());
        assertEquals(List.of("Who is Tokayev?"), knowledge.asked.get(1).earlier());
        assertEquals(SmallTalk.WELCOME, messenger.sent.get(0).html());
        assertEquals(3, messenger.sent.get(0).replyTo());
        assertTrue(messenger.sent.get(1).html().startsWith("Hello!"), messenger.sent.get(1).html());
        assertTrue(messenger.sent.get(2).html().startsWith("<b>Commands</b>"), messenger.sent.get(2).html());
        assertEquals(SmallTalk.NOTED, messenger.sent.get(3).html());
        assertEquals(8, messenger.sent.get(3).replyTo());
        String followUp = messenger.sent.get(4).html();
        assertTrue(followUp.startsWith("Answer to: What did he order?"), followUp);
    }

    @Test
    void thanksInAReplyToAnAnswerInAGroupGetsACourtesyLine() {
        // given a group answer (message 101)
        BriefingChat chat = chat(ChatSettings.DEFAULTS);
        chat.receive(IncomingMessage.text(GROUP, ChatKind.GROUP, 1, ALICE, "/ask Who is Tokayev?"));
        messenger.sent.clear();
        // when Bob replies "thank you @BriefingBot" to it
        chat.receive(new IncomingMessage(GROUP, ChatKind.GROUP, 5, BOB, "thank you @BriefingBot", 101, true));
        // then he is welcomed, threaded to his message, and nothing is asked
        assertEquals(5, only().replyTo());
        assertTrue(only().html().startsWith("You"), only().html());
        assertEquals(1, knowledge.asked.size());
    }

    @Test
    void hintsAtTextInPrivateAndStaysSilentInGroups() {
        // given a private chat and a group
        BriefingChat chat = chat(ChatSettings.DEFAULTS);
        // when a sticker (no text) arrives in each
        chat.receive(new IncomingMessage(GROUP, ChatKind.GROUP, 1, BOB, null, null, false));
        chat.receive(new IncomingMessage(ALICE, ChatKind.PRIVATE, 2, ALICE, null, null, false));
        // then only the private chat gets a hint
        assertEquals(ALICE, only().chatId());
        assertTrue(only().html().contains("only read text"));
    }

    @Test
    void givesUsageForAskWithoutAQuestion() {
        // given a private chat
        BriefingChat chat = chat(ChatSettings.DEFAULTS);
        // when /ask comes without a question
        chat.receive(privateText(1, "/ask"));
        // then the usage is shown, escaped
        assertTrue(only().html().startsWith("Usage: /ask &lt;question&gt;"), only().html());
        assertTrue(knowledge.asked.isEmpty());
    }

    @Test
    void refusesATooLongQuestionClearly() {
        // given a limit of 500 characters
        BriefingChat chat = chat(ChatSettings.DEFAULTS);
        // when a longer question comes
        chat.receive(privateText(1, "why ".repeat(200)));
        // then the user is told the length and the limit, and nothing is asked
        assertTrue(only().html().contains("799 characters long; please keep it under 500"), only().html());
        assertTrue(knowledge.asked.isEmpty());
    }

    @Test
    void limitsQuestionsPerUserWithAFriendlyReply() {
        // given a limit of 2 questions a minute
        BriefingChat chat = chat(ChatSettings.DEFAULTS.withQuestionsPerWindow(2));
        // when a user asks three questions
        chat.receive(privateText(1, "one?"));
        chat.receive(privateText(2, "two?"));
        chat.receive(privateText(3, "three?"));
        // then the third gets a friendly refusal instead of an answer
        assertEquals(2, knowledge.asked.size());
        assertTrue(messenger.sent.get(2).html().contains("Please wait a moment"), messenger.sent.get(2).html());
    }

    @Test
    void apologisesWhenAnsweringFails() {
        // given knowledge that fails
        Knowledge failing = new ScriptedKnowledge() {
            @Override
            public Answer ask(String question, Conversation conversation) {
                throw new IllegalStateException("index unavailable");
            }
        };
        BriefingChat chat = chat(ChatSettings.DEFAULTS, failing, Runnable::run);
        // when a question comes
        chat.receive(privateText(1, "Anything?"));
        // then the user gets an apology, not silence
        assertTrue(only().html().startsWith("Sorry, I could not answer"), only().html());
    }

    @Test
    void aSlowChatDoesNotDelayAnother() throws Exception {
        // given answering that blocks for Alice's chat until released
        CountDownLatch release = new CountDownLatch(1);
        Knowledge slowForAlice = new ScriptedKnowledge() {
            @Override
            public Answer ask(String question, Conversation conversation) {
                if (question.startsWith("slow")) {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.ask(question, conversation);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            BriefingChat chat = chat(ChatSettings.DEFAULTS, slowForAlice, pool);
            // when Alice asks a slow question and then Bob asks in his chat
            chat.receive(privateText(1, "slow question"));
            chat.receive(IncomingMessage.text(BOB, ChatKind.PRIVATE, 2, BOB, "quick question"));
            // then Bob is answered while Alice still waits
            assertTrue(posted.tryAcquire(5, TimeUnit.SECONDS), "nothing was sent");
            assertEquals(BOB, only().chatId());
        } finally {
            release.countDown();
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theTimerOnlyHandsTypingCallsToTheNetworkExecutor() {
        // given a timer that keeps the renewal it is given, and a network executor that holds its tasks
        List<Runnable> renewals = new CopyOnWriteArrayList<>();
        ScheduledThreadPoolExecutor capturing = new ScheduledThreadPoolExecutor(1) {
            @Override
            public ScheduledFuture<?> scheduleAtFixedRate(Runnable r, long initialDelay, long period, TimeUnit unit) {
                renewals.add(r);
                return super.scheduleAtFixedRate(r, 1, 1, TimeUnit.DAYS);
            }
        };
        Deque<Runnable> network = new ArrayDeque<>();
        try {
            BriefingChat chat = chat(ChatSettings.DEFAULTS, knowledge, Runnable::run, capturing, network::add);
            // when a question is answered, and the timer renews "typing" on this thread
            chat.receive(privateText(5, "What did Tokayev order?"));
            renewals.get(0).run();
            // then no typing call ran on the answering thread or the timer: one waits on the network executor,
            // and a renewal does not pile another on a call that has not come back
            assertEquals(List.of(), messenger.typing);
            assertEquals(1, network.size());
            // when the network executor runs it and the timer renews again
            network.poll().run();
            renewals.get(0).run();
            // then the call went out, and the renewal was handed off too
            assertEquals(List.of(ALICE), messenger.typing);
            assertEquals(1, network.size());
        } finally {
            capturing.shutdownNow();
        }
    }

    @Test
    void refusesQuestionsBeyondTheChatsQueueAndSaysSoOnce() {
        // given a chat whose worker pool holds its tasks, and as many questions waiting as a chat may have
        Deque<Runnable> pool = new ArrayDeque<>();
        BriefingChat chat = chat(ChatSettings.DEFAULTS, knowledge, pool::add);
        for (int i = 1; i <= ChatWorkers.MAX_PENDING; i++) {
            chat.receive(IncomingMessage.text(GROUP, ChatKind.GROUP, i, ALICE, "/ask question " + i + "?"));
        }
        assertTrue(messenger.sent.isEmpty());
        // when two more come
        chat.receive(IncomingMessage.text(GROUP, ChatKind.GROUP, 101, BOB, "/ask one more?"));
        chat.receive(IncomingMessage.text(GROUP, ChatKind.GROUP, 102, BOB, "/ask and another?"));
        // then the chat is told once that the bot is busy, threaded to the first refused
        OutgoingMessage busy = only();
        assertEquals(101, busy.replyTo());
        assertTrue(busy.html().contains("still working through earlier questions"), busy.html());
        // and the waiting questions are all answered, after which the chat may ask again
        while (!pool.isEmpty()) {
            pool.poll().run();
        }
        assertEquals(ChatWorkers.MAX_PENDING, knowledge.asked.size());
        chat.receive(IncomingMessage.text(GROUP, ChatKind.GROUP, 200, BOB, "/ask now?"));
        pool.poll().run();
        assertEquals(ChatWorkers.MAX_PENDING + 1, knowledge.asked.size());
    }

    private OutgoingMessage only() {
        assertEquals(1, messenger.sent.size(), "sent: " + messenger.sent);
        return messenger.sent.get(0);
    }
}
