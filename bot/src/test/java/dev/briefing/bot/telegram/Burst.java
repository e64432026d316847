package dev.briefing.bot.telegram;

import dev.briefing.bot.telegram.TelegramEmulator.Chat;
import dev.briefing.bot.telegram.TelegramEmulator.SentMessage;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Questions written at once from many private chats through the emulator, and what became of each, read from every
 * message the bot sent: answered once, lost, answered more than once (the same text twice), or apologised for.
 */
final class Burst {

    /** The notice the durable outbox sends when it gives up on an answer (its text begins so). */
    static final String NOTICE = "Sorry, Telegram kept refusing my reply";

    record Question(long chatId, int messageId) {
    }

    /**
     * What became of the questions.
     *
     * @param answered questions with at least one answer
     * @param lost questions with neither an answer nor a notice
     * @param duplicated answers sent more than once (each extra copy counts)
     * @param noticed questions whose answer was given up on, with the chat told
     */
    record Tally(int asked, Set<Question> answered, int lost, int duplicated, int noticed) {
        @Override
        public String toString() {
            return "asked " + asked + ", answered " + answered.size() + ", lost " + lost + ", duplicated " + duplicated
                    + ", told given up " + noticed;
        }
    }

    final List<Question> questions = Collections.synchronizedList(new ArrayList<>());
    private final TelegramEmulator emulator;
    private final String token;

    Burst(TelegramEmulator emulator, String token) {
        this.emulator = emulator;
        this.token = token;
    }

    /** {@code chats} private chats from {@code firstChat} on each write {@code perChat} questions, all chats at once. */
    Burst write(int chats, int perChat, long firstChat) throws Exception {
        ExecutorService people = Executors.newFixedThreadPool(Math.min(chats, 32));
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < chats; c++) {
            Chat chat = Chat.privateWith(firstChat + c);
            int offset = c;
            done.add(people.submit(() -> {
                for (int q = 0; q < perChat; q++) {
                    String text = TelegramLoadRun.QUESTIONS.get((offset + q) % TelegramLoadRun.QUESTIONS.size());
                    questions.add(new Question(chat.id(), emulator.write(token, chat, chat.id(), text)));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        people.shutdown();
        return this;
    }

    /** What became of each question so far. */
    Tally tally() throws IOException {
        Map<Question, List<String>> replies = new HashMap<>();
        for (SentMessage m : emulator.allBotMessages(token)) {
            replies.computeIfAbsent(new Question(m.chatId(), m.replyTo()), q -> new ArrayList<>()).add(m.text());
        }
        Set<Question> answered = new HashSet<>();
        int lost = 0;
        int duplicated = 0;
        int noticed = 0;
        List<Question> asked;
        synchronized (questions) {
            asked = List.copyOf(questions);
        }
        for (Question q : asked) {
            List<String> texts = replies.getOrDefault(q, List.of());
            List<String> answers = texts.stream().filter(t -> !t.startsWith(NOTICE)).toList();
            if (answers.size() < texts.size()) {
                noticed++;
            }
            if (!answers.isEmpty()) {
                answered.add(q);
            } else if (texts.isEmpty()) {
                lost++;
            }
            duplicated += answers.size() - new HashSet<>(answers).size();
        }
        return new Tally(asked.size(), answered, lost, duplicated, noticed);
    }

    /** Waits until every question is answered or apologised for, or {@code timeout}; then a quiet spell for late copies. */
    Tally awaitSettled(Duration timeout, Duration quiet) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Tally t = tally();
        while (t.lost() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            t = tally();
        }
        Thread.sleep(quiet.toMillis());
        return tally();
    }

    /** Waits until at least {@code count} questions are answered, or {@code timeout}. */
    Tally awaitAnswered(int count, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Tally t = tally();
        while (t.answered().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            t = tally();
        }
        return t;
    }
}
