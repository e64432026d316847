package dev.briefing.knowledge.answer;

import dev.briefing.knowledge.article.Span;
import dev.briefing.knowledge.index.LuceneIndex;
import dev.briefing.knowledge.ingest.SentenceSplitter;
import dev.briefing.knowledge.query.QuestionWords;
import dev.briefing.knowledge.index.TermStats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a question: its answer type from the wording and its content terms (analyzed like the index, question
 * syntax removed), each with its {@link Question.Role}. A quiz-style question ("A heat wave closed schools
 * across the region this week. Which country declared an emergency?") takes its type from its last question
 * sentence; the sentences before it are its lead. Context carried by follow-up resolution is a third role.
 */
final class QuestionReader {

    /** A name: capitalised words, with the particles names carry ("von der", "de"). */
    private static final Pattern NAME = Pattern.compile(
            "\\b\\p{Lu}[\\p{L}'’-]*(?:\\s+(?:(?:von der|von|van|de|da|del|bin|al)\\s+)?\\p{Lu}[\\p{L}'’-]*)*");

    private static final List<String> FUNCTION_WORDS = QuestionWords.FUNCTION;

    private static final Set<String> NAMED_THINGS = Set.of(
            "agency", "agencies", "broadcaster", "broadcasters", "medium", "media", "newspaper", "paper", "channel",
            "network", "outlet", "station", "country", "countries", "state", "states", "nation", "nations", "city",
            "cities", "town", "region", "party", "parties", "organization", "organisation", "organizations", "alliance",
            "company", "companies", "group", "ministry", "minister", "official", "officials", "politician", "president",
            "leader", "spokesman", "spokeswoman", "spokesperson", "person", "people", "republics", "republic", "body",
            "institution", "authority", "authorities", "source", "sources", "army", "court", "bank", "airline");

    private static final Pattern NUMBER_Q = Pattern.compile("\\bhow (many|much|old|long|high|large|big|far|often)\\b"
            + "|\\b(what|which) (number|percentage|share|amount|proportion|figure|total|sum|value|price|age|cost|rate)\\b"
            + "|\\bwhat (is|was|are|were) the (number|percentage|share|amount|proportion|total|sum|value|price|age|cost|rate|size|population|toll|death toll)\\b");
    private static final Pattern TIME_Q = Pattern.compile("^(when|since when|until when|by when|till when)\\b|\\b(what|which) (time|date|day|year|month|week)\\b|\\bwhen (did|was|were|is|will|does|do|has|had)\\b");
    private static final Pattern PLACE_Q = Pattern.compile("^where\\b|\\bwhere (is|was|are|were|did|does|do|has|had|will)\\b|\\b(what|which) (place|location)\\b");
    private static final Pattern REASON_Q = Pattern.compile("^why\\b|\\bwhat (caused|triggered|led to|sparked)\\b|\\bfor what reason\\b");
    private static final Pattern IDENTITY_Q = Pattern.compile("^(?i:who (is|was|are|were)) (\\p{Lu}|the |a |an )");
    private static final Pattern AGENT_Q = Pattern.compile("^(who|whom)\\b|^(by|from|to|with) whom\\b|\\b(which|what) (\\p{L}+ )?(\\p{L}+)\\b");
    private static final Pattern STATEMENT_Q = Pattern.compile("^what (did|does|do|has|have|had) .{1,80}? (say|said|tell|told|announce|announced|write|wrote|report|reported|warn|warned|claim|claimed|call for|urge|urged|state|stated|demand|demanded)\\b");
    private static final Pattern DEFINITION_Q = Pattern.compile("^(what|who) (is|are|was|were) (the |a |an )?[^ ]+( [^ ]+){0,4}\\??$");

    /**
     * Time told from the moment of asking ("this week", "last year", "yesterday", "in recent days"): a news quiz
     * dates its questions so, while an article names the day or no time at all. Such words are no part of the topic
     * a sentence must hold, as "now" and "recent" are not (both in {@link #FUNCTION_WORDS}).
     */
    static final Pattern DEICTIC_TIME = Pattern.compile("(?i)\\b(?:(?:earlier |later )?this (?:past )?|last |next |past |coming )"
            + "(?:week|weekend|month|year|season|spring|summer|fall|autumn|winter|morning|afternoon|evening|night)(?:['’]s)?\\b(?! of\\b)"
            + "|\\b(?:in )?recent (?:days|weeks|months|years)\\b|\\b(?:today|yesterday|tomorrow|tonight|recently|lately)(?:['’]s)?\\b");

    /** A multi-word name's last word stands for the whole name only when it is this rare ("Macron", not "States"). */
    static final double SURNAME_IDF = 2.0;

    private final LuceneIndex index;
    private final TermStats stats;
    private final Acronyms acronyms;
    private final Set<String> functionStems;

    QuestionReader(LuceneIndex index, TermStats stats, Acronyms acronyms) {
        this.index = index;
        this.stats = stats;
        this.acronyms = acronyms;
        this.functionStems = new HashSet<>(index.analyze(String.join(" ", FUNCTION_WORDS)));
    }

    /**
     * @param text the question, resolved against the conversation
     * @param context the earlier question follow-up resolution carries along, or empty
     */
    Question read(String text, String context) {
        String[] split = splitLead(text.strip());
        String lead = withoutDeicticTime(split[0]);
        String focus = withoutDeicticTime(split[1]);
        String lower = focus.toLowerCase(Locale.ROOT).strip();
        AnswerType type = type(focus, lower);
        Map<String, Question.Term> terms = new LinkedHashMap<>();
        addTerms(terms, focus, Question.Role.FOCUS, properStems(focus));
        if (terms.isEmpty()) {
            // "What happened this week?": when the time is all the question names, it is the topic
            addTerms(terms, split[1], Question.Role.FOCUS, properStems(split[1]));
        }
        addTerms(terms, lead, Question.Role.LEAD, properStems(lead));
        addTerms(terms, context, Question.Role.CONTEXT, properStems(context));
        return new Question(text, type, new ArrayList<>(terms.values()));
    }

    /** The text with its {@link #DEICTIC_TIME} expressions blanked out. */
    static String withoutDeicticTime(String text) {
        return DEICTIC_TIME.matcher(text).replaceAll(" ");
    }

    /** [lead, focus]: the last sentence that asks something is the real question; what comes before is context. */
    static String[] splitLead(String text) {
        List<Span> sentences = SentenceSplitter.split(text);
        for (int i = sentences.size() - 1; i > 0; i--) {
            Span s = sentences.get(i);
            if (text.substring(s.start(), s.end()).contains("?")) {
                return new String[] {text.substring(0, s.start()).strip(), text.substring(s.start()).strip()};
            }
        }
        return new String[] {"", text};
    }

    static AnswerType type(String focus, String lower) {
        if (NUMBER_Q.matcher(lower).find()) {
            return AnswerType.NUMBER;
        }
        if (TIME_Q.matcher(lower).find()) {
            return AnswerType.TIME;
        }
        if (PLACE_Q.matcher(lower).find()) {
            return AnswerType.PLACE;
        }
        if (REASON_Q.matcher(lower).find()) {
            return AnswerType.REASON;
        }
        if (IDENTITY_Q.matcher(focus.strip()).find()) {
            return AnswerType.IDENTITY;
        }
        if (STATEMENT_Q.matcher(lower).find()) {
            return AnswerType.STATEMENT;
        }
        Matcher agent = AGENT_Q.matcher(lower);
        while (agent.find()) {
            if (agent.group(1) != null || agent.group(0).contains("whom")) {
                return AnswerType.AGENT;
            }
            String noun = agent.group(5);
            String adjNoun = agent.group(4);
            if (NAMED_THINGS.contains(noun) || (adjNoun != null && NAMED_THINGS.contains(adjNoun.strip()))) {
                return AnswerType.AGENT;
            }
        }
        if (DEFINITION_Q.matcher(lower).find()) {
            return AnswerType.DEFINITION;
        }
        return AnswerType.OTHER;
    }

    /** "which state", "what new character", "how many baby swings": the words naming the kind of thing asked for. */
    private static final Pattern HEAD_Q = Pattern.compile(
            "\\b(?:which|what|how many|how much)((?: [a-z][a-z'’-]*){1,3})");
    private static final Set<String> JOINERS = Set.of("of", "in", "on", "at", "to", "for", "and", "or");
    private static final Pattern NAME_WORD = Pattern.compile("\\b(?!(?:Which|What|How)\\b)\\p{Lu}[\\p{L}'’&-]*\\s*");

    /** The names between "which", "what" or "how many" and the noun they modify: "Which Major League Baseball team". */
    private static final Pattern KIND_NAMES = Pattern.compile(
            "\\b(?:[Ww]hich|[Ww]hat|[Hh]ow many|[Hh]ow much)\\s+((?:\\p{Lu}[\\p{L}'’&.-]*\\s+)+)(?=\\p{Ll})");

    /**
     * The names that stand in the phrase naming the kind of thing asked for, before its noun: "Major League
     * Baseball" in "Which Major League Baseball team was invited?", "US" in "Which US state…". They say what
     * kind of answer is wanted, as the noun does, and a sentence that answers names the thing itself ("the Atlanta
     * Braves"), seldom its kind. Empty when no name stands there ("Which team", "What did Biden say").
     */
    static List<String> kindNames(String focus) {
        Matcher m = KIND_NAMES.matcher(focus);
        return m.find() ? List.of(m.group(1).strip().split("\\s+")) : List.of();
    }

    /**
     * The words of the real question that name the kind of thing it asks for, names left out: the word after
     * "which", "what" or "how many" ("What country announced" gives country; "Which Ivy League university"
     * gives university), or the two words there when a function word follows them ("Which new character did",
     * "How many baby swings were"). Empty when a function word comes first ("What is").
     */
    static List<String> headWords(String focus) {
        Matcher m = HEAD_Q.matcher(NAME_WORD.matcher(focus).replaceAll("").toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return List.of();
        }
        String[] words = m.group(1).strip().split(" ");
        if (QuestionWords.isFunction(words[0])) {
            return List.of();
        }
        boolean pair = words.length > 1 && !QuestionWords.isFunction(words[1])
                && (words.length == 2 || QuestionWords.isFunction(words[2]) || JOINERS.contains(words[2]));
        return pair ? List.of(words[0], words[1]) : List.of(words[0]);
    }

    private void addTerms(Map<String, Question.Term> terms, String text, Question.Role role, Map<String, String> proper) {
        if (text.isBlank()) {
            return;
        }
        Map<String, Set<String>> abbreviated = abbreviatedStems(text);
        for (String stem : index.analyze(text)) {
            if (functionStems.contains(stem) || terms.containsKey(stem)) {
                continue;
            }
            int df = stats.docFreq(stem);
            String surname = proper.get(stem);
            if (surname != null && (surname.equals(stem) || stats.idf(surname) < SURNAME_IDF)) {
                surname = null;
            }
            String expansion = acronyms.expand(stem);
            Set<String> spelledOut = expansion == null ? abbreviated.getOrDefault(stem, Set.of())
                    : new HashSet<>(index.analyze(expansion));
            terms.put(stem, new Question.Term(stem, role, stats.idf(stem), df > 0, proper.containsKey(stem),
                    surname, spelledOut));
        }
    }

    /**
     * Stems of the words of each name the text spells out whose acronym the articles use, each mapped to the
     * acronym's stem: "United Kingdom" maps unit and kingdom to uk, since a passage saying "the UK" names it.
     */
    private Map<String, Set<String>> abbreviatedStems(String text) {
        Map<String, Set<String>> out = new HashMap<>();
        acronyms.abbreviations(text).forEach((name, acronym) -> {
            List<String> shortForm = index.analyze(acronym);
            if (shortForm.size() == 1) { // "OR" is a stop word the analyzer drops
                index.analyze(name).forEach(s -> out.put(s, Set.of(shortForm.get(0))));
            }
        });
        return out;
    }

    /**
     * Stems of words capitalised after the first word (names the user typed), each mapped to the stem of the
     * last word of its name: "Ursula von der Leyen" maps ursula, von, der and leyen to leyen.
     */
    private Map<String, String> properStems(String text) {
        Map<String, String> out = new HashMap<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            if (m.start() == 0 && !m.group().contains(" ")) {
                continue;
            }
            List<String> stems = index.analyze(m.group().replaceAll("['’]s\\b", ""));
            if (stems.isEmpty()) {
                continue;
            }
            String last = stems.get(stems.size() - 1);
            stems.forEach(s -> out.put(s, last));
        }
        return out;
    }
}
