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
import dev.briefing.bot.store.Database;
import dev.briefing.bot.store.JdbcStore;
import dev.briefing.bot.store.TestDatabases;
import dev.briefing.bot.store.TestDatabases.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a chat remembers outlives the process: each test stops the chat and closes the real store (a restart), or runs
 * a second chat on a second store over the same database (another instance), on both engines.
 */
class ChatRestartTest {

    static final long ALICE = 11;
    static final long GROUP = -500;

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    /** Telegram: the same across restarts, so message ids go on. */
    final RecordingMessenger messenger = new RecordingMessenger();
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final List<JdbcStore> stores = new ArrayList<>();
    final Outbox outbox = message -> {
        try {
            return CompletableFuture.completedFuture(messenger.send(message));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    };

    static List<Engine> engines() {
        return TestDatabases.engines().toList();
    }

    @AfterEach
    void close() {
        timer.shutdownNow();
        stores.forEach(JdbcStore::close);
    }

    /** A bot instance: its own store (connection or pool) on {@code db}, its own chat, its own knowledge. */
    BriefingChat instance(Database db, ScriptedKnowledge knowledge, ChatSettings settings) {
        JdbcStore store = JdbcStore.open(db);
        stores.add(store);
        CommandRegistry commands = new BuiltInCommands(new CommandRegistry(), knowledge::catalog, knowledge::articles)
                .registerAll();
        return new BriefingChat(knowledge, commands, outbox, messenger, "BriefingBot", settings, store, clock,
                Runnable::run, timer, Runnable::run);
    }

    /** Stops the last instance: its store closes, as when the process ends. */
    void stopLast() {
        stores.remove(stores.size() - 1).close();
    }

    OutgoingMessage last() {
        return messenger.sent.get(messenger.sent.size() - 1);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aPrivateFollowUpAfterARestartResolvesAgainstTheEarlierTurns(Engine engine) {
        // given a private conversation of two turns, then a restart
        Database db = databases.create(engine);
        BriefingChat before = instance(db, new ScriptedKnowledge(), ChatSettings.DEFAULTS);
        before.receive(IncomingMessage.text(ALICE, ChatKind.PRIVATE, 1, ALICE, "Who is Tokayev?"));
        before.receive(IncomingMessage.text(ALICE, ChatKind.PRIVATE, 3, ALICE, "What did he order?"));
        stopLast();

        // when the user follows up with the restarted bot
        ScriptedKnowledge after = new ScriptedKnowledge();
        instance(db, after, ChatSettings.DEFAULTS)
                .receive(IncomingMessage.text(ALICE, ChatKind.PRIVATE, 5, ALICE, "And why?"));

        // then the question is answered in the conversation as it stood, with the earlier answers' text
        assertEquals(List.of("Who is Tokayev?", "What did he order?"), after.asked.get(0).earlier());
        assertTrue(last().html().contains("(following up on: Who is Tokayev? / What did he order?)"), last().html());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aGroupReplyToAnAnswerIsAnsweredByAnotherInstanceInThatAnswersConversation(Engine engine) {
        // given two instances on one database; the first answers two questions in a group
        Database db = databases.create(engine);
        BriefingChat first = instance(db, new ScriptedKnowledge(), ChatSettings.DEFAULTS);
        ScriptedKnowledge secondKnowledge = new ScriptedKnowledge();
        BriefingChat second = instance(db, secondKnowledge, ChatSettings.DEFAULTS);
        first.receive(IncomingMessage.text(GROUP, ChatKind.GROUP, 1, ALICE, "/ask Who is Tokayev?"));
        int tokayevAnswer = messenger.sent.size() + 100;
        first.receive(IncomingMessage.text(GROUP, ChatKind.GROUP, 3, ALICE, "/ask Why did prices rise?"));

        // when a reply to the first answer reaches the other instance
        second.receive(new IncomingMessage(GROUP, ChatKind.GROUP, 5, ALICE, "What did he order?", tokayevAnswer, true));

        // then it continues that answer's conversation, not the later one
        assertEquals(List.of("Who is Tokayev?"), secondKnowledge.asked.get(0).earlier());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aSourcesButtonPressedAfterARestartShowsTheSources(Engine engine) {
        // given an answer with a Sources button, then a restart
        Database db = databases.create(engine);
        instance(db, new ScriptedKnowledge(), ChatSettings.DEFAULTS)
                .receive(IncomingMessage.text(ALICE, ChatKind.PRIVATE, 1, ALICE, "Who is Tokayev?"));
        OutgoingMessage answer = last();
        int answerId = messenger.sent.size() + 100;
        String data = answer.buttons().get(0).data();
        stopLast();

        // when the button is pressed
        BriefingChat after = instance(db, new ScriptedKnowledge(), ChatSettings.DEFAULTS);
        after.receive(new ButtonPress("press-1", ALICE, ChatKind.PRIVATE, answerId, ALICE, data));

        // then the paragraphs come, threaded to the answer
        assertEquals(answerId, last().replyTo());
        assertTrue(last().html().contains("<b>" + ScriptedKnowledge.QUOTE + "</b>"), last().html());
        // but pressed under another message, or once expired, the button shows nothing
        after.receive(new ButtonPress("press-2", ALICE, ChatKind.PRIVATE, answerId + 7, ALICE, data));
        assertTrue(last().html().startsWith("Those sources are not available"), last().html());
        clock.advance(ChatSettings.DEFAULTS.idle().plusMinutes(1));
        after.receive(new ButtonPress("press-3", ALICE, ChatKind.PRIVATE, answerId, ALICE, data));
        assertTrue(last().html().startsWith("Those sources are not available"), last().html());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aConversationIdleBeyondItsTimeIsForgottenAcrossARestart(Engine engine) {
        // given a private question, a restart, and a pause longer than a conversation is kept
        Database db = databases.create(engine);
        instance(db, new ScriptedKnowledge(), ChatSettings.DEFAULTS)
                .receive(IncomingMessage.text(ALICE, ChatKind.PRIVATE, 1, ALICE, "Who is Tokayev?"));
        stopLast();
        clock.advance(ChatSettings.DEFAULTS.idle().plusSeconds(1));

        // when the user asks again
        ScriptedKnowledge after = new ScriptedKnowledge();
        instance(db, after, ChatSettings.DEFAULTS).receive(IncomingMessage.text(ALICE, ChatKind.PRIVATE, 3, ALICE, "What did he order?"));

        // then it starts afresh
        assertEquals(List.of(), after.asked.get(0).earlier());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theQuestionLimitHoldsAcrossARestartAndAcrossInstances(Engine engine) {
        // given a limit of 2 a minute; the user asked twice, and the bot restarted
        Database db = databases.create(engine);
        ChatSettings two = ChatSettings.DEFAULTS.withQuestionsPerWindow(2);
        BriefingChat before = instance(db, new ScriptedKnowledge(), two);
        before.receive(IncomingMessage.text(ALICE, ChatKind.PRIVATE, 1, ALICE, "Who is Tokayev?"));
        before.receive(IncomingMessage.text(ALICE, ChatKind.PRIVATE, 3, ALICE, "What did he order?"));
        stopLast();

        // when the user asks a third time, of either of two instances
        ScriptedKnowledge after = new ScriptedKnowledge();
        instance(db, after, two).receive(IncomingMessage.text(ALICE, ChatKind.PRIVATE, 5, ALICE, "Why?"));
        instance(db, after, two).receive(IncomingMessage.text(ALICE, ChatKind.PRIVATE, 7, ALICE, "Why really?"));

        // then neither answers; a minute later one does
        assertTrue(after.asked.isEmpty(), after.asked.toString());
        assertTrue(last().html().startsWith("You have asked 2 questions"), last().html());
        clock.advance(Duration.ofMinutes(1));
        instance(db, after, two).receive(IncomingMessage.text(ALICE, ChatKind.PRIVATE, 9, ALICE, "Why?"));
        assertFalse(after.asked.isEmpty());
    }
}
