package dev.briefing.knowledge.query;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.transformer.QueryTransformer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Resolves a follow-up question against the conversation's earlier turns, offline, so that retrieval sees a
 * question that stands on its own: "Which countries belong to it?" after "What is the CSTO?" becomes "Which
 * countries belong to the CSTO?"; "And Putin?" after "What did Tokayev say?" becomes "What did Putin say?";
 * "Who reported that?" keeps its words and carries the earlier question along as context, as data on the
 * query's metadata ({@link #context(Query)}), never in its text. The earlier turns come from
 * {@code Query.metadata().chatMemory()}: user messages hold the resolved questions, AI messages the answers.
 *
 * <p>Rules, in order: an elliptical question ("And Putin?", "What about Russia?") takes the previous question
 * with its last name swapped; a personal pronoun (he, she, him, her, his) takes the latest person named (a name
 * after "the", or after "in", "at" or "on", is a thing's: "the LIV Golf series", "on Mother's Day") of whom the
 * earlier turns did not speak as "she" where the question says "he", or the other way round, unless the question
 * names the person itself ("How much did LeBron James earn in his career?");
 * "it", "its", "they", "them", "their" take the latest thing named (an acronym, an organisation), else the
 * previous topic; "that", "this" and "there" at the end, a question with no name and at most four words or one
 * word of its topic ("How much will be forgiven?", {@link QuestionWords#topical}), or one naming
 * nothing but "the X" that the previous question or answer spoke of, add the previous question as context (with
 * the one before it when the previous question went with it as context).
 */
public final class FollowUpQueryTransformer implements QueryTransformer {

    private static final Pattern ELLIPSIS = Pattern.compile(
            "^(?:and|but|what about|how about|and what about)\\s+(.+?)[?.!]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern PERSONAL = Pattern.compile(
            "\\b(he|she|him|his|her|hers|himself|herself)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern THING = Pattern.compile(
            "\\b(it|its|they|them|their|theirs)\\b", Pattern.CASE_INSENSITIVE);
    /** "the amendment", "the soldiers": a noun the conversation may have named before. */
    private static final Pattern DEFINITE = Pattern.compile("\\b(?i:the|these|those)\\s+([a-z][a-z-]{2,})\\b");
    private static final Set<String> FEMININE = Set.of("she", "her", "hers", "herself");
    private static final Set<String> MASCULINE = Set.of("he", "him", "his", "himself");
    /** Where a sentence of a question or an answer ends: after its stop, or at an answer's "[1]". */
    private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?])\\s+|\\s*\\[\\d+]\\s*");
    private static final Pattern POSSESSIVE = Pattern.compile("(?<=\\p{L})['’]s?$");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’-]*");
    private static final Pattern EVENT = Pattern.compile(
            "\\b(that|this|there|then)\\s*[?.!]*$", Pattern.CASE_INSENSITIVE);
    /**
     * Capitalised runs ("Christiane Hoffmann", "Ursula von der Leyen", "CSTO", "Covid-19"), with a short number
     * after them ("Tier 2", "Apollo 11"): names a question can refer back to.
     */
    private static final Pattern NAME = Pattern.compile("\\b(?:[A-Z][\\p{L}\\d'’-]*|[A-Z]{2,})"
            + "(?:\\s+(?:von der|von|van|de|da|del|bin|al|of the|of)?\\s*(?:[A-Z][\\p{L}\\d'’-]*|[A-Z]{2,}))*"
            + "(?:\\s+\\d{1,3}\\b(?![.,:]\\d))?");
    private static final Set<String> NOT_NAMES = Set.of(
            "What", "Who", "Whom", "Whose", "Which", "When", "Where", "Why", "How", "Is", "Are", "Was", "Were", "Did",
            "Do", "Does", "Has", "Have", "Had", "Can", "Could", "Will", "Would", "Should", "And", "But", "The", "A",
            "An", "In", "On", "At", "According", "Tell", "Please", "I", "He", "She", "It", "They", "This", "That",
            "Reports", "Report", "Update", "First", "Friday", "Monday", "Tuesday", "Wednesday", "Thursday", "Saturday",
            "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December", "Also", "About", "Then",
            // a preposition that opens an elliptical question ("By how much?", "Since when?", "With whom?")
            "By", "For", "From", "To", "With", "Since", "Until", "Till", "Of", "As", "After", "Before", "During",
            "Over", "Under", "Into", "Through", "Within", "Without", "Against", "Between");
    /**
     * Titles that qualify another title ("Federal Chancellor", "Russian President", "EU Commission President") and
     * are stripped only before one: before anything else they are part of a name ("the Federal Reserve").
     */
    private static final Set<String> QUALIFIERS = Set.of(
            "Federal", "Foreign", "Prime", "Defence", "Defense", "Interior", "Finance", "State", "Deputy", "Vice", "EU",
            "US", "UN", "French", "German", "Russian", "Commission", "Kremlin", "Kazakh", "Belarusian", "Chinese",
            "Military", "Police", "Opposition");
    /** Titles that precede a person's name but are not part of it: these, and the qualifiers before them. */
    private static final Set<String> TITLES = Stream.concat(QUALIFIERS.stream(), Stream.of(
            "President", "Chancellor", "Minister", "Secretary", "Chairman", "Chairwoman", "Spokesman", "Spokeswoman",
            "General", "Commissioner", "Representative", "Justice", "Mr", "Mrs", "Ms", "Dr", "Sir", "King", "Queen",
            "Pope", "Senator", "Governor", "Mayor")).collect(Collectors.toUnmodifiableSet());

    /** Words that make a name an organisation or a place rather than a person. */
    private static final Set<String> THING_WORDS = Set.of(
            "Organization", "Organisation", "Agency", "Union", "Council", "Office", "Ministry", "Party", "Group",
            "Bank", "Treaty", "Press", "Alliance", "Company", "Government", "Republic", "State", "States", "Nations",
            "Parliament", "Commission", "Service", "Force", "Forces", "Army", "Court", "News", "Times", "Post",
            "Network", "Airport", "City", "Square", "Street", "Federation", "Kingdom", "Church", "University");

    /** The invocation parameter that carries the earlier question a follow-up is about. */
    static final String CONTEXT = "briefing.followup.context";

    /**
     * A resolved question.
     *
     * @param text the question as it stands on its own
     * @param context the earlier question it is about, when its own words do not say; else empty
     */
    record Resolved(String text, String context) {

        private static final String ABOUT = " (about: ";

        Resolved(String text) {
            this(text, "");
        }

        /** A question as {@link #display} wrote it into the conversation's memory, read back. */
        static Resolved parse(String shown) {
            int at = shown.indexOf(ABOUT);
            if (at < 0) {
                return new Resolved(shown);
            }
            return new Resolved(shown.substring(0, at), shown.substring(at + ABOUT.length()).replaceFirst("\\)$", ""));
        }

        /** How the resolved question reads to a person, and in the conversation's memory. */
        String display() {
            return context.isEmpty() ? text : text + ABOUT + context + ")";
        }
    }

    @Override
    public Collection<Query> transform(Query query) {
        List<String> earlier = earlierQuestions(query);
        if (earlier.isEmpty()) {
            return List.of(query);
        }
        Resolved r = resolve(query.text(), earlier, earlierAnswers(query));
        return List.of(Query.from(r.text(), withContext(query.metadata(), r.context())));
    }

    /** The earlier question a follow-up is about, as resolution carried it; empty for a question that stands alone. */
    public static String context(Query query) {
        if (query.metadata() == null || query.metadata().invocationParameters() == null) {
            return "";
        }
        Object c = query.metadata().invocationParameters().get(CONTEXT);
        return c == null ? "" : c.toString();
    }

    /** How a resolved question reads to a person: its text, and what it is about when that is carried as context. */
    public static String display(Query query) {
        return new Resolved(query.text(), context(query)).display();
    }

    private static Metadata withContext(Metadata m, String context) {
        if (context.isEmpty() || m == null) {
            return m;
        }
        InvocationContext.Builder invocation = m.invocationContext() == null
                ? InvocationContext.builder().chatMemoryId(m.chatMemoryId())
                : m.invocationContext().toBuilder();
        return Metadata.builder()
                .chatMessage(m.chatMessage())
                .systemMessage(m.systemMessage())
                .chatMemory(m.chatMemory())
                .invocationContext(invocation.invocationParameters(InvocationParameters.from(CONTEXT, context)).build())
                .build();
    }

    /** The question resolved against earlier questions (newest last) and answers (newest last). */
    static Resolved resolve(String question, List<String> earlierQuestions, List<String> earlierAnswers) {
        String q = question.strip();
        String previous = stripContext(earlierQuestions.get(earlierQuestions.size() - 1));
        String understood = understood(earlierQuestions.get(earlierQuestions.size() - 1));
        Matcher ellipsis = ELLIPSIS.matcher(q);
        if (ellipsis.matches() && words(ellipsis.group(1)) <= 4 && !names(ellipsis.group(1)).isEmpty()) {
            String subject = ellipsis.group(1).strip();
            List<String> names = names(previous);
            if (!names.isEmpty()) {
                String last = names.get(names.size() - 1);
                return new Resolved(replaceLast(previous, last, subject));
            }
            return new Resolved(subject, understood);
        }
        if (ellipsis.matches() && words(ellipsis.group(1)) <= 4) {
            // "And by when?", "And why?": the previous question asked again from another side
            String rest = ellipsis.group(1).strip();
            return new Resolved(Character.toUpperCase(rest.charAt(0)) + rest.substring(1) + "?", understood);
        }
        String resolved = q;
        boolean changed = false;
        Matcher personal = PERSONAL.matcher(resolved);
        if (personal.find() && !boundInQuestion(resolved, personal, true)) {
            String person = latest(earlierQuestions, earlierAnswers, true, FEMININE.contains(personal.group(1)
                    .toLowerCase(Locale.ROOT)) ? 1 : -1);
            if (person != null) {
                resolved = substitute(resolved, PERSONAL, person);
                changed = true;
            }
        }
        Matcher thing = THING.matcher(resolved);
        if (thing.find() && !boundInQuestion(resolved, thing, false)) {
            String name = latest(earlierQuestions, List.of(), false, 0);
            if (name != null) {
                resolved = substitute(resolved, THING, name);
                changed = true;
            } else {
                return new Resolved(resolved, understood);
            }
        }
        if (EVENT.matcher(resolved).find() || (!changed && names(resolved).isEmpty()
                && (words(resolved) <= 4 || QuestionWords.topical(resolved) <= 1
                        || refersBack(resolved, understood, earlierAnswers)))) {
            return new Resolved(resolved, understood);
        }
        return new Resolved(resolved);
    }

    /**
     * Whether a pronoun points back to a name the question itself gives before it, a person's for "he", "she",
     * "his", "her" before a noun and "hers" ("How much did LeBron James earn in his career?"), any other for "its",
     * "they", "their" and "theirs" ("Why did Alphabet split its stock?"). An object ("What did Olaf Scholz tell
     * her?", "What did Germany say about it?") is someone or something else.
     */
    private static boolean boundInQuestion(String question, Matcher pronoun, boolean person) {
        String p = pronoun.group(1).toLowerCase(Locale.ROOT);
        boolean binds = person
                ? Set.of("he", "she", "his", "hers").contains(p) || p.equals("her")
                        && followedByNoun(question, pronoun.end())
                : Set.of("its", "they", "their", "theirs").contains(p);
        if (!binds) {
            return false;
        }
        String before = question.substring(0, pronoun.start());
        for (String n : names(before)) {
            boolean named = namesPerson(before, n);
            // "he" or "his" also binds to a surname alone ("What did Putin tell his generals?"), as a country
            // seldom goes with them, but not to a question's first word ("Describe his role"); "its" or "they" to
            // anything but a person's full name
            boolean surname = !n.contains(" ") && !before.startsWith(n) && !n.equals(n.toUpperCase(Locale.ROOT))
                    && !THING_WORDS.contains(n) && !namedAsThing(before, n) && !isPlace(before, n);
            if (person ? named || surname : !named) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the question speaks of "the X" that the previous question or the latest answer mentioned: "What would
     * the amendment have done?" after an answer on Kansans rejecting an amendment is about that one.
     */
    private static boolean refersBack(String question, String previous, List<String> earlierAnswers) {
        String answer = earlierAnswers.isEmpty() ? "" : earlierAnswers.get(earlierAnswers.size() - 1);
        String before = (previous + " " + answer).toLowerCase(Locale.ROOT);
        Matcher m = DEFINITE.matcher(question);
        while (m.find()) {
            String noun = m.group(1).toLowerCase(Locale.ROOT);
            String singular = noun.endsWith("s") && noun.length() > 3 ? noun.substring(0, noun.length() - 1) : noun;
            if (Pattern.compile("\\b" + Pattern.quote(singular) + "s?\\b").matcher(before).find()) {
                return true;
            }
        }
        return false;
    }

    private static String substitute(String text, Pattern pronoun, String name) {
        Matcher m = pronoun.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String p = m.group(1).toLowerCase(Locale.ROOT);
            boolean possessive = p.equals("his") || p.equals("its") || p.equals("their") || p.equals("theirs")
                    || p.equals("hers") || (p.equals("her") && followedByNoun(text, m.end()));
            m.appendReplacement(sb, Matcher.quoteReplacement(possessive ? name + "'s" : name));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static boolean followedByNoun(String text, int at) {
        String rest = text.substring(at).strip();
        if (rest.isEmpty() || !Character.isLetter(rest.charAt(0))) {
            return false;
        }
        String next = rest.split("\\W+")[0].toLowerCase(Locale.ROOT);
        return !Set.of("to", "about", "in", "on", "at", "for", "with", "from", "by", "of", "and", "or", "now", "then",
                "again").contains(next);
    }

    /**
     * The latest name in the earlier questions (then answers), newest first, of the wanted kind when one exists; a
     * person whom the earlier turns speak of with pronouns of the other gender than the wanted one (1 feminine, -1
     * masculine, 0 either) is passed over for an earlier one they speak of with the wanted one: "she" after
     * "Jennifer Lopez and Ben Affleck" and an answer in which "Lopez wrote she wore a dress" is Jennifer Lopez. A
     * pronoun is counted for the name nearest before it, which "Biden told Zelenska he…" gets wrong, so a person
     * of whom nothing is known does not stand in for the latest one.
     */
    private static String latest(List<String> questions, List<String> answers, boolean person, int gender) {
        Map<String, Integer> genders = gender == 0 ? Map.of() : genders(Stream.concat(questions.stream(),
                answers.stream()).map(FollowUpQueryTransformer::stripContext).toList());
        String fallback = null;
        String otherGender = null;
        for (List<String> texts : List.of(questions, answers)) {
            for (int i = texts.size() - 1; i >= 0; i--) {
                String text = stripContext(texts.get(i));
                List<String> names = names(text);
                for (int j = names.size() - 1; j >= 0; j--) {
                    String n = names.get(j);
                    boolean isPerson = namesPerson(text, n);
                    if (!person && !isPerson && isPlace(text, n)) {
                        continue; // "it" after "what happened in Almaty?" is what happened, not Almaty
                    }
                    int spoken = person ? genders.getOrDefault(lastWord(n), 0) * gender : 0;
                    if (isPerson == person && spoken < 0) {
                        otherGender = otherGender == null ? n : otherGender;
                    } else if (isPerson == person && (otherGender == null || spoken > 0)) {
                        return n;
                    }
                    if (fallback == null && (person || !isPerson)) {
                        fallback = n;
                    }
                }
            }
        }
        return !person ? null : otherGender != null ? otherGender : fallback;
    }

    /**
     * How the texts speak of each person, by the last word of their name: each "she", "her", "hers" or "herself"
     * counts one up, each "he", "him", "his" or "himself" one down, for the person whose name came last before it in
     * its sentence.
     */
    private static Map<String, Integer> genders(List<String> texts) {
        Set<String> people = new HashSet<>();
        for (String text : texts) {
            for (String n : names(text)) {
                if (looksLikePerson(n)) {
                    people.add(lastWord(n));
                }
            }
        }
        Map<String, Integer> out = new HashMap<>();
        for (String text : texts) {
            for (String sentence : SENTENCE_BREAK.split(text)) {
                String current = null;
                Matcher m = WORD.matcher(sentence);
                while (m.find()) {
                    String w = withoutPossessive(m.group());
                    String lower = w.toLowerCase(Locale.ROOT);
                    if (people.contains(w)) {
                        current = w;
                    } else if (current != null && (FEMININE.contains(lower) || MASCULINE.contains(lower))) {
                        out.merge(current, FEMININE.contains(lower) ? 1 : -1, Integer::sum);
                    }
                }
            }
        }
        return out;
    }

    private static String lastWord(String name) {
        return name.substring(name.lastIndexOf(' ') + 1);
    }

    /** "James's" is James, "Reuters'" is Reuters. */
    private static String withoutPossessive(String word) {
        return POSSESSIVE.matcher(word).replaceFirst("");
    }

    /** Whether the name stands for a person where the text gives it: it looks like one, and not named as a thing. */
    private static boolean namesPerson(String text, String name) {
        return looksLikePerson(name) && !namedAsThing(text, name);
    }

    /**
     * Whether the text names a thing, a place or a day by a name that could be a person's: after "the" ("the LIV
     * Golf series"), or after a preposition of place or time ("on Mother's Day", "at the White House"). A person's
     * name takes no article, and "in", "at" or "on" before it is rare; "to" and "from" are left out ("what did Biden
     * say to Zelenska?").
     */
    private static boolean namedAsThing(String text, String name) {
        return Pattern.compile("\\b(?i:(?:in|at|on|during|since|until|near|into|across|around|outside|inside|through"
                + "|throughout)\\s+(?:the\\s+)?|the\\s+)" + Pattern.quote(name)).matcher(text).find();
    }

    /**
     * Whether the text gives the name as a place: after a preposition of place, or after a comma behind a place it
     * holds ("in Jackson, Mississippi", "at Kyiv, Ukraine").
     */
    private static boolean isPlace(String text, String name) {
        return Pattern.compile("\\b(in|at|on|from|to|near|into|across|around|outside|inside|through)\\s+(the\\s+)?"
                + "(\\p{Lu}[\\p{L}'’.-]*(\\s+\\p{Lu}[\\p{L}'’.-]*)*,\\s+)?" + Pattern.quote(name))
                .matcher(text).find();
    }

    static boolean looksLikePerson(String name) {
        String[] parts = name.split("\\s+");
        if (name.chars().filter(Character::isUpperCase).count() == name.replaceAll("[^\\p{L}]", "").length()) {
            return false;
        }
        for (String p : parts) {
            if (THING_WORDS.contains(p)) {
                return false;
            }
        }
        return parts.length >= 2;
    }

    static List<String> names(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            String n = m.group().strip();
            String[] parts = n.split("\\s+", 2);
            while (NOT_NAMES.contains(parts[0]) && parts.length > 1) {
                n = parts[1];
                parts = n.split("\\s+", 2);
            }
            parts = n.split("\\s+", 2);
            // "Federal Chancellor Olaf Scholz" is referred to as Olaf Scholz; "Queen Elizabeth" keeps the title that
            // says a single name is a person's
            while (TITLES.contains(parts[0]) && parts.length > 1 && parts[1].contains(" ")
                    && (!QUALIFIERS.contains(parts[0]) || TITLES.contains(parts[1].split("\\s+", 2)[0]))) {
                n = parts[1];
                parts = n.split("\\s+", 2);
            }
            n = withoutPossessive(n); // "How old is he?" after "LeBron James's contract" asks of LeBron James
            // "June 14" names no one: what is left of it after the month is a number
            if (!NOT_NAMES.contains(n) && !TITLES.contains(n) && Character.isUpperCase(n.charAt(0))) {
                out.add(n);
            }
        }
        return out;
    }

    private static String replaceLast(String text, String old, String replacement) {
        int at = text.lastIndexOf(old);
        return text.substring(0, at) + replacement + text.substring(at + old.length());
    }

    /**
     * The previous question as it was understood: with the question before it when it went with that one as
     * context, so that "What were the winning numbers?" after "How much was the jackpot? (about: Where was the
     * winning Powerball ticket sold?)" is still about the Powerball. Two questions at most, however long the chain.
     */
    private static String understood(String previous) {
        Resolved r = Resolved.parse(previous);
        return r.context().isEmpty() ? r.text() : r.text() + " " + SENTENCE_BREAK.split(r.context(), 2)[0];
    }

    private static String stripContext(String q) {
        return Resolved.parse(q).text();
    }

    private static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private static List<String> earlierQuestions(Query query) {
        List<String> out = new ArrayList<>();
        if (query.metadata() == null || query.metadata().chatMemory() == null) {
            return out;
        }
        for (ChatMessage m : query.metadata().chatMemory()) {
            if (m instanceof UserMessage u && u.hasSingleText()) {
                out.add(u.singleText());
            }
        }
        return out;
    }

    private static List<String> earlierAnswers(Query query) {
        List<String> out = new ArrayList<>();
        if (query.metadata() == null || query.metadata().chatMemory() == null) {
            return out;
        }
        for (ChatMessage m : query.metadata().chatMemory()) {
            if (m instanceof AiMessage a && a.text() != null) {
                out.add(a.text());
            }
        }
        return out;
    }
}
