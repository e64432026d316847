package dev.briefing.bot.chat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells thanks, greetings, a plea for help and a plain acknowledgement from questions, so that they get a courteous
 * line or the help instead of an answer: asked as questions, "thanks" cited "Tokayev also thanked Putin…", "help"
 * cited "The European Union is ready to help where it can.", and "hello" and "ok" got "The articles don't answer
 * that" with the articles' topics. A message is small talk only when every word of it is a courtesy word and one of
 * them thanks, greets, asks for help or acknowledges; "thanks to what did the CSTO owe its success?" and "ok, who is
 * Tokayev?" stay questions. These words are about the conversation, not about any article, which is why they live
 * here and not in the answerer.
 */
public final class SmallTalk {

    /** What a message that is no question says. */
    public enum Kind {
        /** "thanks", "great, thank you!": gets {@link #WELCOME}. */
        THANKS,
        /** "hi", "good morning": gets {@link #HELLO}. */
        GREETING,
        /** "help", "help me please": gets what {@code /help} says. */
        HELP,
        /** "ok", "got it", "cool": an answer taken in, which gets {@link #NOTED}. */
        ACKNOWLEDGEMENT
    }

    /** What thanks get. */
    public static final String WELCOME = "You're welcome.";
    /** What a greeting gets. */
    public static final String HELLO = "Hello! Ask me a question about the news, in your own words; /help says more.";
    /** What an acknowledgement gets: a nod, as a person would give, and nothing that asks for more. */
    public static final String NOTED = "\uD83D\uDC4D";

    /** Longer than this, a message says something besides courtesy. */
    private static final int MAX_WORDS = 6;
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}']+");
    private static final Set<String> THANKS = Set.of("thanks", "thank", "thankyou", "thx", "ty", "cheers");
    /** Words that may come with thanks: "ok thanks", "great, thank you so much", "much appreciated". */
    private static final Set<String> WITH_THANKS = Set.of("you", "ok", "okay", "great", "cool", "nice", "perfect",
            "awesome", "brilliant", "got", "it", "that's", "thats", "very", "so", "much", "a", "lot", "many",
            "again", "appreciated", "mate", "all");
    private static final Set<String> GREETINGS = Set.of("hi", "hello", "hey", "hiya", "morning", "afternoon",
            "evening");
    /** Words that may come with a greeting: "good morning", "hello there", "hi all". */
    private static final Set<String> WITH_GREETINGS = Set.of("good", "there", "all", "everyone", "folks", "bot");
    private static final Set<String> HELP = Set.of("help");
    /** Words that may come with a plea for help: "help me please", "help!?". */
    private static final Set<String> WITH_HELP = Set.of("me", "please", "pls", "us");
    private static final Set<String> ACKNOWLEDGEMENTS = Set.of("ok", "okay", "k", "kk", "cool", "nice", "great",
            "good", "perfect", "awesome", "alright", "understood", "noted", "gotcha", "got", "see", "interesting", "wow");
    /** Words that may come with an acknowledgement: "got it", "oh I see", "that's great", "ok, very good". */
    private static final Set<String> WITH_ACKNOWLEDGEMENTS = Set.of("it", "i", "oh", "ah", "that's", "thats", "very",
            "so", "all", "right", "makes", "sense");

    private SmallTalk() {
    }

    /** What {@code text} says when it only thanks, greets, asks for help or acknowledges; empty when it is a question. */
    public static Optional<Kind> of(String text) {
        List<String> words = Arrays.stream(NOT_A_WORD.split(text.toLowerCase(Locale.ROOT).replace('\u2019', '\'')))
                .filter(w -> !w.isEmpty())
                .toList();
        if (words.isEmpty() || words.size() > MAX_WORDS) {
            return Optional.empty();
        }
        if (only(words, THANKS, WITH_THANKS)) {
            return Optional.of(Kind.THANKS);
        }
        if (only(words, GREETINGS, WITH_GREETINGS)) {
            return Optional.of(Kind.GREETING);
        }
        if (only(words, HELP, WITH_HELP)) {
            return Optional.of(Kind.HELP);
        }
        if (only(words, ACKNOWLEDGEMENTS, WITH_ACKNOWLEDGEMENTS)) {
            return Optional.of(Kind.ACKNOWLEDGEMENT);
        }
        return Optional.empty();
    }

    /** Whether one word is of {@code core} and every other of {@code core} or {@code companions}. */
    private static boolean only(List<String> words, Set<String> core, Set<String> companions) {
        return words.stream().anyMatch(core::contains)
                && words.stream().allMatch(w -> core.contains(w) || companions.contains(w));
    }
}
