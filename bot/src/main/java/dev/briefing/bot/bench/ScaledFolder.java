package dev.briefing.bot.bench;

import dev.briefing.knowledge.embed.ContentHash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds a synthetic folder of N articles from a real one, for measuring at scale: the originals (so questions
 * keep their evidence) plus articles that each keep a real article's first paragraph and paragraph shape but
 * fill every later paragraph with sentences drawn from the whole folder. Every file and, with overwhelming
 * likelihood, every passage is unique, so the hash cache cannot make the figures look better than a real
 * folder of N different articles would; the files are named in shuffled order. Seeded: the same arguments give
 * the same folder, so runs before and after a change read the same files.
 */
final class ScaledFolder {

    private static final Pattern PARAGRAPH = Pattern.compile("\\n\\s*\\n");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"”’]?)\\s+(?=[\"“‘A-Z])");

    private ScaledFolder() {
    }

    /** Writes {@code n} articles made from the .txt files of {@code source} into the empty folder {@code target}. */
    static int build(Path source, int n, long seed, Path target) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(source)) {
            files = s.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".txt"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .txt articles in " + source + " to scale from");
        }
        if (n < files.size()) {
            throw new IllegalArgumentException("--scale " + n + " is below the " + files.size() + " articles of " + source);
        }
        Files.createDirectories(target);
        try (Stream<Path> s = Files.list(target)) {
            if (s.findAny().isPresent()) {
                throw new IllegalArgumentException("the folder for the scaled articles is not empty: " + target);
            }
        }
        List<String> texts = new ArrayList<>();
        List<String> pool = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            texts.add(text);
            String[] paragraphs = PARAGRAPH.split(text.strip());
            for (int i = 1; i < paragraphs.length; i++) {
                for (String sentence : SENTENCE_END.split(paragraphs[i].strip())) {
                    if (sentence.length() > 20) {
                        pool.add(sentence.strip());
                    }
                }
            }
        }
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(texts);
        Set<String> seen = new HashSet<>();
        texts.forEach(t -> seen.add(ContentHash.of(t)));
        while (out.size() < n) {
            String[] paragraphs = PARAGRAPH.split(texts.get(random.nextInt(texts.size())).strip());
            StringBuilder b = new StringBuilder(paragraphs[0].strip());
            for (int i = 1; i < paragraphs.length; i++) {
                int sentences = SENTENCE_END.split(paragraphs[i].strip()).length;
                b.append("\n\n");
                for (int k = 0; k < sentences; k++) {
                    b.append(k == 0 ? "" : " ").append(pool.get(random.nextInt(pool.size())));
                }
            }
            String text = b.append('\n').toString();
            if (seen.add(ContentHash.of(text))) {
                out.add(text);
            }
        }
        List<Integer> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(i);
        }
        Collections.shuffle(names, random);
        for (int i = 0; i < n; i++) {
            Files.writeString(target.resolve(String.format("%05d.txt", names.get(i))), out.get(i), StandardCharsets.UTF_8);
        }
        return n;
    }
}
