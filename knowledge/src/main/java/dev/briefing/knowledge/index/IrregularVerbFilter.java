package dev.briefing.knowledge.index;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Replaces irregular English verb forms by their base form before stemming, so "What did he say?" meets
 * "he said" and "speak" meets "spoke": news is written in the past tense, questions mostly in the present.
 */
final class IrregularVerbFilter extends TokenFilter {

    private static final Map<String, String> BASE = new HashMap<>();

    static {
        String[] table = {
                "say said", "tell told", "speak spoke spoken", "send sent", "go went gone", "hold held",
                "make made", "give gave given", "take took taken", "begin began begun", "know knew known",
                "see saw seen", "come came", "get got gotten", "find found", "leave left", "meet met",
                "bring brought", "buy bought", "think thought", "fight fought", "seek sought", "teach taught",
                "catch caught", "keep kept", "lead led", "feel felt", "stand stood", "understand understood",
                "win won", "lose lost", "pay paid", "lay laid", "write wrote written", "drive drove driven",
                "rise rose risen", "fall fell fallen", "break broke broken", "choose chose chosen", "freeze froze frozen",
                "steal stole stolen", "flee fled", "shoot shot", "hit hit", "run ran", "sell sold", "build built",
                "spend spent", "hear heard", "fly flew flown", "grow grew grown", "throw threw thrown",
                "draw drew drawn", "wear wore worn", "sit sat", "sink sank sunk", "strike struck", "swear swore sworn",
                "withdraw withdrew withdrawn", "undertake undertook undertaken", "overthrow overthrew overthrown",
                "arise arose arisen", "forbid forbade forbidden", "eat ate eaten", "bear bore borne born",
                "wake woke woken", "sing sang sung", "ring rang rung", "swim swam swum", "is was were been are am",
                "have has had", "do did done does"};
        for (String row : table) {
            String[] forms = row.split(" ");
            for (int i = 1; i < forms.length; i++) {
                BASE.putIfAbsent(forms[i], forms[0]);
            }
        }
    }

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    IrregularVerbFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        String base = BASE.get(term.toString());
        if (base != null) {
            term.setEmpty().append(base);
        }
        return true;
    }
}
