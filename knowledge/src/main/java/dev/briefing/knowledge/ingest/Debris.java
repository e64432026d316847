package dev.briefing.knowledge.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells page debris from article text: navigation, sharing and comment widgets, photo captions and credits,
 * copyright footers, leftover HTML attributes, agency initials. The rules describe how web pages are built,
 * not any particular article.
 */
final class Debris {

    /** Short blocks (at most {@link #SHORT_WORDS} words) that are page chrome when they start with one of these. */
    private static final List<String> SHORT_CHROME = List.of(
            "you may like", "you might also like", "trends 24h", "most read", "most popular",
            "write a comment", "post comment", "leave a comment", "enlarge image",
            "share this", "share on", "read more", "read also", "see also", "related articles", "related news",
            "more on this", "sign up", "subscribe to", "accept cookies", "click here", "follow us", "home page",
            "skip to", "back to top", "now you can see", "terms of use", "terms and conditions", "image by",
            "source site", "getty images", "ap photo");
    private static final int SHORT_WORDS = 7;

    /** Blocks that are chrome or a bare credit when they are exactly one of these words (punctuation aside). */
    private static final java.util.Set<String> CHROME_WORDS = java.util.Set.of(
            "latest", "trending", "comments", "comment", "cancel", "enlarge", "share", "advertisement", "related",
            "newsletter", "privacy", "homepage", "loading", "print", "email", "copyright", "keystone", "reuters",
            "afp", "dpa", "ap", "imago", "epa", "getty");

    /** Blocks of any length that are chrome: labelled credits and site disclaimers. */
    private static final List<String> LONG_CHROME = List.of(
            "photo:", "photos:", "image:", "picture:", "credit:", "credits:", "legend:", "caption:", "source:",
            "editor's note", "editor’s note", "editors' note", "editors’ note", "sign up for",
            "the information on this site", "the inclusion of any links", "all news articles on", "all rights reserved",
            "video ad feedback", "video player was slow to load", "how relevant is this ad");

    /** A gallery's buttons closing a block, after the text they follow. */
    private static final Pattern TRAILING_CHROME = Pattern.compile("(?<=\\S)\\s+(?:Prev|Previous)\\s+Next\\s*$");

    /** Markers after which the next short blocks are a caption and its credit. */
    private static final List<String> CAPTION_MARKERS = List.of("legend:", "caption:", "enlarge image");

    private static final Pattern LIST_NUMBER = Pattern.compile("^\\d{1,2}[.)]\\s+");
    private static final Pattern HTML_LEFTOVER = Pattern.compile("\\b(style|class|id|href|src)=\"|</?[a-z][a-z0-9]*[ >/]|&[a-z]+;");
    /** "sol / dpa / AFP / Reuters", "(AFP / dpa / fn)": agency and author initials. */
    private static final Pattern INITIALS = Pattern.compile("^\\(?\\s*[\\p{L}.]{1,12}(\\s*/\\s*[\\p{L}.]{1,12})+\\s*\\)?[.]?$");
    /** A sentence opening with agency initials, "(lrg / vbu / afp / dpa) ...", is a credit line. */
    private static final Pattern INITIALS_OPENING = Pattern.compile("^\\(\\s*[\\p{L}.]{1,12}(\\s*/\\s*[\\p{L}.]{1,12})+\\s*\\)");
    /** A short sentence naming a web domain is a publisher's note, not news ("*site.de is an offer of ..."). */
    private static final Pattern DOMAIN = Pattern.compile("\\b[\\p{L}0-9-]+\\.(de|com|org|net|info|ru|uk|fr|io|eu|media|news)\\b", Pattern.CASE_INSENSITIVE);

    /** Words a closing credit has at most: the longest closing a caption in the news set has 6. */
    static final int CREDIT_WORDS = 8;
    /** Lower-case words a credit's name may hold between its capitalised ones ("Museum of London"). */
    private static final Set<String> NAME_PARTICLES = Set.of("of", "the", "and", "de", "van", "von");

    private Debris() {
    }

    /** Whether a whole block is debris. */
    static boolean isDebrisBlock(String block) {
        String s = block.strip();
        // a numbered line of a form reads as the line itself ("1. How relevant is this ad to you?")
        String lower = LIST_NUMBER.matcher(s.toLowerCase(Locale.ROOT)).replaceFirst("");
        if (s.isEmpty()) {
            return true;
        }
        boolean shortBlock = s.split("\\s+").length <= SHORT_WORDS;
        if (shortBlock && SHORT_CHROME.stream().anyMatch(lower::startsWith)) {
            return true;
        }
        if (CHROME_WORDS.contains(lower.replaceAll("[^\\p{L} ]", "").replaceAll("\\s+", " ").strip())) {
            return true;
        }
        if (LONG_CHROME.stream().anyMatch(lower::startsWith)) {
            return true;
        }
        return s.contains("©") || HTML_LEFTOVER.matcher(s).find() || INITIALS.matcher(s).matches()
                || (s.length() < 4 && !s.chars().anyMatch(Character::isLetterOrDigit));
    }

    /** Whether a block opens a caption (the next short blocks are the caption and its credit). */
    static boolean opensCaption(String block) {
        String lower = block.strip().toLowerCase(Locale.ROOT);
        return CAPTION_MARKERS.stream().anyMatch(lower::startsWith) && lower.length() < 40;
    }

    /**
     * Whether the last sentence of a block, after at least one other, is the credit of the caption before it, as
     * news sites print them on the caption's line: no closing punctuation, and a few capitalised words, slashes
     * joining the photographer and the agencies ("Boats wait at the lock. KFC", "... Adrian Dennis/AFP/Getty
     * Images", "... Courtesy Jason Bell"). A heading is a block of its own, so it never follows a sentence.
     */
    static boolean isClosingCredit(String sentence) {
        String s = sentence.strip();
        if (s.isEmpty() || ".!?:;,\"”’')]".indexOf(s.charAt(s.length() - 1)) >= 0) {
            return false;
        }
        String[] words = s.split("\\s+");
        if (words.length > CREDIT_WORDS) {
            return false;
        }
        for (String w : words) {
            if (!Character.isUpperCase(w.charAt(0)) && !NAME_PARTICLES.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many characters at the end of a block are a photo gallery's buttons, which a page's text keeps on the
     * last caption's line ("… Arvind Yadav/Hindustan Times/Getty Images Prev Next"); 0 when it ends otherwise.
     */
    static int trailingChrome(String block) {
        Matcher m = TRAILING_CHROME.matcher(block);
        return m.find() ? block.length() - m.start() : 0;
    }

    /** Whether one sentence of a body block is debris (initials, publisher notes, photo credits). */
    static boolean isDebrisSentence(String sentence) {
        String s = sentence.strip();
        if (INITIALS.matcher(s).matches() || INITIALS_OPENING.matcher(s).find() || s.contains("©")
                || s.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return true;
        }
        int words = s.split("\\s+").length;
        return words <= 10 && DOMAIN.matcher(s).find();
    }
}
