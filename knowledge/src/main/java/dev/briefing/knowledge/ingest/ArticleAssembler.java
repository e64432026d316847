package dev.briefing.knowledge.ingest;

import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.DatePrecision;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.article.Span;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an article's text (and whatever metadata its format carried) into an {@link Article}: splits it
 * into blocks, sorts out debris, headings and metadata lines, finds title, date and source, and cuts the
 * body into passages and sentences with their offsets. The text itself is never changed.
 */
final class ArticleAssembler {

    /** Blocks this close to the top may carry the date or source of the page. */
    private static final int HEAD_BLOCKS = 8;
    /** A block of at most this many words that holds a date is a date line, not prose. */
    private static final int DATE_LINE_WORDS = 12;
    /** Headings are short; a longer block without a full stop is still prose. */
    private static final int HEADING_WORDS = 25;
    /** Captions after a caption marker are short. */
    private static final int CAPTION_WORDS = 25;
    private static final int TITLE_CHARS = 160;
    /**
     * How far into its paragraph a dateline's date may start. A live report opens its paragraphs with one, the
     * date set off by a colon or a dash ("First report from Thursday, January 6th, 2022:", "Update from Monday,
     * March 6th, 2023: more rain fell"); a date in the run of a sentence is an event's ("born in New York on
     * November 29, 1927", "Born December 3, 1930 in Paris", "hit Florida on November 4, 1935").
     */
    private static final int DATELINE_CHARS = 40;
    /** The longest dated phrase read from a paragraph's opening: "Wednesday, the 28th of September, 2022". */
    private static final int DATE_CHARS = 40;
    /**
     * A date line labelled as something other than the page's own date ("Born: November 14, 1948", "Died:", "Founded:"),
     * as a profile's fact box has them: the labels that do date a page are left out.
     */
    private static final Pattern OTHER_DATE_LABEL = Pattern.compile(
            "^(?!(?:first |last )?(?:published|updated|posted|modified|date|dated|released|issued)\\b)[\\p{L} ]{2,30}:",
            Pattern.CASE_INSENSITIVE);
    /** A wire dateline on a line of its own, place and source before a dash: "CNN —", "Jackson, Wyoming CNN —". */
    private static final Pattern DATELINE = Pattern.compile("^[^.!?]{0,60}\\s[—–-]$");
    private static final int DATELINE_WORDS = 8;

    private static final Pattern BULLET = Pattern.compile("^[ \\t]*(?:[•·‣▪*+\\-–]|\\d{1,2}[.)])[ \\t]+");
    private static final Pattern MD_HEADING = Pattern.compile("^[ \\t]*#{1,6}[ \\t]+");
    private static final Pattern SOURCE_LINE = Pattern.compile("^(?:source|quelle|via)\\s*:\\s*(.{1,60})$", Pattern.CASE_INSENSITIVE);

    private ArticleAssembler() {
    }

    /** Hints a structured format (JSON fields, HTML meta tags) already gives; blank or null when absent. */
    record Hints(String title, LocalDate date, String source, String url) {
        static final Hints NONE = new Hints(null, null, null, null);
    }

    static Article assemble(String id, String text, String hash, Hints hints) {
        List<Block> blocks = classify(text, blocks(text));
        String source = blank(hints.source()) ? findSource(text, blocks) : hints.source();
        LocalDate date = hints.date();
        DatePrecision precision = date == null ? DatePrecision.NONE : DatePrecision.METADATA;
        if (date == null) {
            Optional<LocalDate> meta = metadataDate(text, blocks);
            if (meta.isPresent()) {
                date = meta.get();
                precision = DatePrecision.METADATA;
            } else {
                Optional<LocalDate> inText = openingDate(text, blocks);
                if (inText.isPresent()) {
                    date = inText.get();
                    precision = DatePrecision.TEXT;
                } else {
                    // the id is the file's path in the folder; a day named there dates the file, not an event
                    date = DateFinder.inPath(id).orElse(null);
                    precision = date == null ? DatePrecision.NONE : DatePrecision.FILE_NAME;
                }
            }
        }
        String title = blank(hints.title()) ? findTitle(text, blocks) : hints.title().strip();
        return new Article(id, title, date, precision, source, hints.url(), text, hash, passages(id, text, blocks));
    }

    /** Paragraph-sized blocks: runs of non-blank lines, with each bullet or Markdown heading line its own block. */
    static List<Block> blocks(String text) {
        List<Block> out = new ArrayList<>();
        int runStart = -1;
        int runEnd = -1;
        int pos = 0;
        while (pos <= text.length()) {
            int nl = text.indexOf('\n', pos);
            int lineEnd = nl < 0 ? text.length() : nl;
            String line = text.substring(pos, lineEnd);
            boolean blank = line.isBlank();
            boolean standalone = !blank && (BULLET.matcher(line).find() || MD_HEADING.matcher(line).find());
            if (blank || standalone) {
                if (runStart >= 0) {
                    addBlock(out, text, runStart, runEnd, Block.Kind.BODY);
                    runStart = -1;
                }
                if (standalone) {
                    Matcher md = MD_HEADING.matcher(line);
                    if (md.find()) {
                        addBlock(out, text, pos + md.end(), lineEnd, Block.Kind.HEADING);
                    } else {
                        Matcher b = BULLET.matcher(line);
                        b.find();
                        addBlock(out, text, pos + b.end(), lineEnd, Block.Kind.BODY);
                    }
                }
            } else {
                if (runStart < 0) {
                    runStart = pos;
                }
                runEnd = lineEnd;
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
        }
        if (runStart >= 0) {
            addBlock(out, text, runStart, runEnd, Block.Kind.BODY);
        }
        return out;
    }

    private static void addBlock(List<Block> out, String text, int start, int end, Block.Kind kind) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && (Character.isWhitespace(text.charAt(end - 1)) || text.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end > start) {
            out.add(new Block(start, end, kind));
        }
    }

    /** Decides what each block is: metadata near the top, debris, captions, headings, or prose. */
    static List<Block> classify(String text, List<Block> raw) {
        List<Block> out = new ArrayList<>(raw.size());
        int captionLeft = 0;
        for (int i = 0; i < raw.size(); i++) {
            Block b = raw.get(i);
            String s = b.text(text);
            int words = words(s);
            if (i < HEAD_BLOCKS && words <= DATE_LINE_WORDS && DateFinder.find(s).isPresent() && !OTHER_DATE_LABEL.matcher(s).find()) {
                out.add(b.with(Block.Kind.METADATA));
                continue;
            }
            if (SOURCE_LINE.matcher(s).matches() || (words <= DATELINE_WORDS && DATELINE.matcher(s).matches())) {
                out.add(b.with(Block.Kind.METADATA));
                continue;
            }
            if (Debris.opensCaption(s)) {
                captionLeft = 2;
                out.add(b.with(Block.Kind.DEBRIS));
                continue;
            }
            if (captionLeft > 0 && words <= CAPTION_WORDS && SentenceSplitter.split(s, 0, s.length()).size() <= 1) {
                captionLeft--;
                out.add(b.with(Block.Kind.DEBRIS));
                continue;
            }
            captionLeft = 0;
            if (Debris.isDebrisBlock(s)) {
                out.add(b.with(Block.Kind.DEBRIS));
            } else if (b.kind() == Block.Kind.HEADING
                    || (!endsSentence(s) && words <= HEADING_WORDS && SentenceSplitter.split(s, 0, s.length()).size() <= 1)) {
                out.add(b.with(Block.Kind.HEADING));
            } else {
                out.add(b.with(Block.Kind.BODY));
            }
        }
        return out;
    }

    static boolean endsSentence(String s) {
        int i = s.length() - 1;
        while (i >= 0 && SentenceSplitter.isCloser(s.charAt(i))) {
            i--;
        }
        return i >= 0 && ".!?…".indexOf(s.charAt(i)) >= 0;
    }

    private static Optional<LocalDate> metadataDate(String text, List<Block> blocks) {
        for (Block b : blocks) {
            if (b.kind() == Block.Kind.METADATA) {
                Optional<DateFinder.Found> d = DateFinder.find(b.text(text));
                if (d.isPresent()) {
                    return Optional.of(d.get().date());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The date of the first dateline that opens a paragraph or heading: a date within {@link #DATELINE_CHARS} of
     * its start, followed by a colon, a dash or nothing, and not labelled as another date ("Born: ...").
     */
    private static Optional<LocalDate> openingDate(String text, List<Block> blocks) {
        for (Block b : blocks) {
            if (b.kind() == Block.Kind.BODY || b.kind() == Block.Kind.HEADING) {
                String opening = text.substring(b.start(), Math.min(b.end(), b.start() + DATELINE_CHARS + DATE_CHARS));
                Optional<DateFinder.Found> d = DateFinder.find(opening);
                // the label, if any, stands within the opening: the pattern reads at most 31 characters
                if (d.isPresent() && d.get().start() <= DATELINE_CHARS && setOff(text, b.start() + d.get().end(), b.end())
                        && !OTHER_DATE_LABEL.matcher(opening).find()) {
                    return Optional.of(d.get().date());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the text from {@code from} goes on with a colon or a dash, or the block ends there. */
    private static boolean setOff(String text, int from, int blockEnd) {
        int i = from;
        while (i < blockEnd && text.charAt(i) == ' ') {
            i++;
        }
        return i == blockEnd || ":—–-".indexOf(text.charAt(i)) >= 0;
    }

    private static String findSource(String text, List<Block> blocks) {
        for (Block b : blocks) {
            Matcher m = SOURCE_LINE.matcher(b.text(text));
            if (b.kind() == Block.Kind.METADATA && m.matches()) {
                return m.group(1).strip();
            }
        }
        return "";
    }

    /**
     * The headline: a heading next to the date line (pages put them together), else the first heading of
     * four words or more before the prose starts, else the lead's first sentence.
     */
    static String findTitle(String text, List<Block> blocks) {
        int firstBody = blocks.size();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).kind() == Block.Kind.BODY) {
                firstBody = i;
                break;
            }
        }
        for (int i = 0; i < firstBody; i++) {
            if (blocks.get(i).kind() != Block.Kind.METADATA) {
                continue;
            }
            for (int j : new int[] {i - 1, i + 1, i - 2}) {
                if (j >= 0 && j < firstBody && isHeadline(blocks.get(j), text)) {
                    return clip(blocks.get(j).text(text));
                }
            }
        }
        for (int i = 0; i < firstBody; i++) {
            if (isHeadline(blocks.get(i), text)) {
                return clip(blocks.get(i).text(text));
            }
        }
        if (firstBody < blocks.size()) {
            Block lead = blocks.get(firstBody);
            List<Span> sentences = SentenceSplitter.split(text, lead.start(), lead.end());
            Span first = sentences.get(0);
            return clip(text.substring(first.start(), first.end()));
        }
        return "untitled";
    }

    private static boolean isHeadline(Block b, String text) {
        return b.kind() == Block.Kind.HEADING && words(b.text(text)) >= 4;
    }

    private static String clip(String s) {
        String t = s.strip().replaceAll("\\s+", " ");
        if (t.length() <= TITLE_CHARS) {
            return t;
        }
        int cut = t.lastIndexOf(' ', TITLE_CHARS);
        return t.substring(0, cut > 0 ? cut : TITLE_CHARS) + "…";
    }

    /** Body blocks become passages of their non-debris sentences; a passage spans its first to last kept sentence. */
    private static List<Passage> passages(String id, String text, List<Block> blocks) {
        List<Passage> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b.kind() != Block.Kind.BODY) {
                continue;
            }
            List<Span> kept = new ArrayList<>();
            int textEnd = b.end() - Debris.trailingChrome(b.text(text));
            List<Span> sentences = SentenceSplitter.split(text, b.start(), textEnd);
            for (int i = 0; i < sentences.size(); i++) {
                Span span = sentences.get(i);
                String sentence = text.substring(span.start(), span.end());
                if (i > 0 && i == sentences.size() - 1 && !kept.isEmpty()
                        && kept.get(kept.size() - 1).equals(sentences.get(i - 1)) && Debris.isClosingCredit(sentence)) {
                    // the credit stays with its caption, as one sentence: never quoted alone ("KFC"), and what it
                    // names ("Saudi Arabia Ministry of Commerce") is still found with the caption
                    kept.set(kept.size() - 1, new Span(sentences.get(i - 1).start(), span.end()));
                } else if (!Debris.isDebrisSentence(sentence)) {
                    kept.add(span);
                }
            }
            if (kept.isEmpty()) {
                continue;
            }
            int start = kept.get(0).start();
            int end = kept.get(kept.size() - 1).end();
            int index = out.size();
            out.add(new Passage(Passage.idOf(id, index), id, index, start, end, text.substring(start, end), kept));
        }
        return out;
    }

    static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
