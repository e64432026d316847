package dev.briefing.knowledge.query;

import org.apache.lucene.analysis.en.EnglishAnalyzer;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The words of a question that shape it, and how many say something of its topic. */
public final class QuestionWords {

    /** Words that shape a question but say nothing of its topic. */
    public static final List<String> FUNCTION = List.of(
            "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "many", "much", "did", "do", "does",
            "done", "doing", "has", "have", "had", "is", "are", "was", "were", "been", "be", "can", "could", "would",
            "should", "shall", "may", "might", "must", "will", "happen", "happened", "happening", "say", "said", "says",
            "tell", "told", "me", "us", "you", "your", "i", "we", "our", "about", "according", "kind", "sort", "type",
            "thing", "things", "know", "known", "please", "anything", "something", "there", "here", "also", "so",
            "far", "now", "currently", "latest", "newest", "recent", "most", "current", "get", "got", "make", "made",
            "give", "gave", "describe", "explain", "mean", "means", "name", "named", "one", "ones", "it",
            "its", "they", "them", "their", "he", "she", "him", "her", "his", "hers", "this", "that", "these", "those",
            "from", "with", "into", "over", "under", "between", "against", "during", "without", "within", "via",
            "toward", "towards", "upon", "onto", "across", "through", "after", "before", "since", "until");

    private static final Set<String> FUNCTION_SET = Set.copyOf(FUNCTION);
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'’-]*");

    private QuestionWords() {
    }

    /** Whether a lower-case word is one of the {@link #FUNCTION} words. */
    public static boolean isFunction(String word) {
        return FUNCTION_SET.contains(word);
    }

    /**
     * How many words of a question say something of its topic: neither {@link #FUNCTION} words nor English stop
     * words. "How much will be forgiven?" says one, "forgiven"; "How many soldiers did the alliance send?" three.
     */
    public static int topical(String question) {
        int n = 0;
        Matcher m = WORD.matcher(question.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            if (!isFunction(w) && !EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(w)) {
                n++;
            }
        }
        return n;
    }
}
