package dev.briefing.knowledge;

import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Candidate;
import dev.briefing.knowledge.answer.Citation;
import dev.briefing.knowledge.answer.Conversation;
import dev.briefing.knowledge.answer.Explanation;
import dev.briefing.knowledge.answer.SentenceModel;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.index.GatedEmbeddingModel;
import dev.briefing.knowledge.index.LuceneIndex;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real knowledge base: real Lucene index on disk, real in-process embedding model, the sample articles. */
class KnowledgeBaseTest {

    private static final Path SAMPLE = Path.of("..", "articles");
    private static EmbeddingModel model;

    @BeforeAll
    static void loadModel() {
        model = new BgeSmallEnV15QuantizedEmbeddingModel();
    }

    private static Path copySample(Path dir) throws IOException {
        Path articles = Files.createDirectories(dir.resolve("articles"));
        try (Stream<Path> files = Files.list(SAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, articles.resolve(f.getFileName()));
            }
        }
        return articles;
    }

    /** Writes an article file of a title and paragraphs, each paragraph its own block. */
    private static void writeArticle(Path articles, String name, String... titleAndParagraphs) throws IOException {
        Files.writeString(articles.resolve(name), String.join("\n\n", titleAndParagraphs));
    }

    private static KnowledgeBase open(Path articles, Path data) throws IOException {
        return KnowledgeBase.open(new KnowledgeSettings(articles, data), model);
    }

    @Test
    void citationsAreVerbatimSpansOfTheirFiles(@TempDir Path dir) throws IOException {
        // given
        Path articles = copySample(dir);
        try (KnowledgeBase kb = open(articles, dir.resolve("data"))) {
            kb.sync(SyncListener.NONE);
            // when
            Answer a = kb.ask("How many checkpoints were set up around the capital?", Conversation.empty());
            // then
            assertTrue(a.answered());
            for (Citation c : a.citations()) {
                String file = Files.readString(articles.resolve(c.articleId()), StandardCharsets.UTF_8);
                assertEquals(c.quote(), file.substring(c.start(), c.end()));
            }
            assertTrue(a.text().contains("six"), a.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Who won the Champions League in 2021?", "Write me a poem about cats.",
            "What is the GDP of Kazakhstan?", "What did the Turkish president say about the unrest?"})
    void abstainsWithoutCitationsWhenTheArticlesDoNotAnswer(String question, @TempDir Path dir) throws IOException {
        try (KnowledgeBase kb = open(copySample(dir), dir.resolve("data"))) {
            kb.sync(SyncListener.NONE);
            // when
            Answer a = kb.ask(question, Conversation.empty());
            // then
            assertFalse(a.answered());
            assertTrue(a.citations().isEmpty());
            assertTrue(a.text().contains("5 articles"), a.text());
        }
    }

    @Test
    void theAnswerersOneCutOffDecidesBetweenAnsweringAndAbstaining(@TempDir Path dir) throws IOException {
        // given the probability the shipped model gives its best sentence for a question
        Path articles = copySample(dir);
        String question = "How many checkpoints were set up around the capital?";
        double p;
        try (KnowledgeBase kb = open(articles, dir.resolve("data"))) {
            kb.sync(SyncListener.NONE);
            p = kb.ask(question, Conversation.empty()).explanation().probability();
        }
        // when the same model is asked with the cut-off just above and just below it
        Answer above = askWith(SentenceModel.shipped().withCutoff(Math.min(1, p + 1e-6)), articles, dir, question);
        Answer below = askWith(SentenceModel.shipped().withCutoff(Math.max(0, p - 1e-6)), articles, dir, question);
        // then
        assertFalse(above.answered());
        assertTrue(above.citations().isEmpty());
        assertTrue(above.text().contains("5 articles"), above.text());
        assertTrue(below.answered());
        assertEquals(p, below.explanation().probability(), 1e-12);
    }

    private static Answer askWith(SentenceModel m, Path articles, Path dir, String question) throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(articles, dir.resolve("data")), model, null, m)) {
            kb.sync(SyncListener.NONE);
            return kb.ask(question, Conversation.empty());
        }
    }

    @Test
    void anAnswerExplainsItsDecisionAndItsBestSentenceInputByInput(@TempDir Path dir) throws IOException {
        try (KnowledgeBase kb = open(copySample(dir), dir.resolve("data"))) {
            kb.sync(SyncListener.NONE);
            String question = "How many checkpoints were set up around the capital?";
            // when
            Answer a = kb.ask(question, Conversation.empty());
            // then
            Explanation e = a.explanation();
            assertTrue(a.answered());
            assertTrue(e.probability() >= e.cutoff(), e.toString());
            assertTrue(a.citations().get(0).quote().contains(e.sentence()), e.sentence());
            for (Explanation.Score s : List.of(e.score(), e.decision())) {
                double sum = s.base() + s.parts().stream().mapToDouble(Explanation.Part::contribution).sum();
                assertEquals(s.logit(), sum, 1e-9);
            }
            assertEquals(1 / (1 + Math.exp(-e.decision().logit())), e.probability(), 1e-12);
            assertEquals(kb.candidates(question, Conversation.empty()).get(0).logit(), e.score().logit(), 1e-12);
        }
    }

    @Test
    void aNameTheIndexDoesNotHoldIsStillSearchedFuzzily(@TempDir Path dir) throws IOException {
        try (KnowledgeBase kb = open(copySample(dir), dir.resolve("data"))) {
            kb.sync(SyncListener.NONE);
            // when: the articles spell him "Abliasov", and no passage holds "Ablyazov"
            List<Candidate> candidates = kb.candidates("Who is Ablyazov?", Conversation.empty());
            // then the sentence naming him is the best candidate (whether it is answered is the model's call)
            assertFalse(candidates.isEmpty());
            assertTrue(candidates.get(0).text().contains("Abliasov"), candidates.get(0).text());
        }
    }

    @Test
    void aQuoteFromAnotherStoryIsShownOnlyWhenItWouldAnswerAlone(@TempDir Path dir) throws IOException {
        // given a golf story of two sentences, and a political story that shares only the golfer's surname
        Path articles = copySample(dir);
        writeArticle(articles, "golf.txt",
                "Dustin Johnson wins the LIV Golf championship",
                "Dustin Johnson won the LIV Golf individual championship and its $18 million prize on Monday.",
                "The series has lured several major winners away from the PGA Tour this year.");
        writeArticle(articles, "politics.txt",
                "Boris Johnson resigns as prime minister",
                "Boris Johnson resigned as Britain's prime minister on Thursday after a revolt in his party.",
                "His finance minister quit on Tuesday, and dozens of ministers followed him out of the government.");
        String question = "How much money did Dustin Johnson win?";
        // when the shipped model answers, and the same model with no cut-off, which cites the three best sentences
        Answer a = askWith(SentenceModel.shipped(), articles, dir.resolve("shipped"), question);
        Answer anyway = askWith(SentenceModel.shipped().withCutoff(0), articles, dir.resolve("none"), question);
        // then the answer is the golf story's; the political story, among the three best sentences, is not cited
        assertTrue(a.answered());
        assertEquals("golf.txt", a.citations().get(0).articleId());
        assertTrue(anyway.citations().stream().anyMatch(c -> c.articleId().equals("politics.txt")),
                anyway.citations().toString());
        assertTrue(a.citations().stream().noneMatch(c -> c.articleId().equals("politics.txt")),
                a.citations().toString());
    }

    @Test
    void aFurtherSentenceOfAStoryAlreadyCitedNeedNotAnswerAlone(@TempDir Path dir) throws IOException {
        // given two paragraphs on one expedition in two files (SQuAD 2.0's, CC BY-SA 4.0): its planning, its end
        Path articles = copySample(dir);
        writeArticle(articles, "planning.txt", "French and Indian War",
                "News of the two battles reached England in August. After several months of negotiations, the "
                        + "government of the Duke of Newcastle decided to send an army expedition the following year "
                        + "to dislodge the French. They chose Major General Edward Braddock to lead the expedition. "
                        + "Word of the British military plans leaked to France well before Braddock's departure for "
                        + "North America.");
        writeArticle(articles, "expedition.txt", "French and Indian War",
                "Braddock (with George Washington as one of his aides) led about 1,500 army troops and provincial "
                        + "militia on an expedition in June 1755 to take Fort Duquesne. The expedition was a "
                        + "disaster. It was attacked by French and Indian soldiers ambushing them from up in trees "
                        + "and behind logs. Braddock called for a retreat. He was killed.");
        // when
        Answer a = askWith(SentenceModel.shipped(), articles, dir.resolve("data"),
                "How much success did this expedition with Braddock find?");
        // then the planning leads; the second story, cited for the sentence that would answer alone, is cited for
        // the sentence that says how it went too, which alone would not pass
        assertTrue(a.answered());
        assertEquals("planning.txt", a.citations().get(0).articleId(), a.citations().toString());
        assertTrue(a.citations().stream().anyMatch(c -> c.quote().contains("The expedition was a disaster.")),
                a.citations().toString());
    }

    @Test
    void aSurnameIsNotThePersonWhereItsArticleNeverGivesTheFirstName(@TempDir Path dir) throws IOException {
        // given a tennis story on Serena Williams, and a story that names another Robin than the one asked about
        Path articles = copySample(dir);
        writeArticle(articles, "tennis.txt",
                "Serena Williams bows out at the US Open",
                "Serena Williams lost in the third round of the US Open on Friday night.",
                "Williams has won 23 grand slam singles titles during her career.");
        writeArticle(articles, "morning.txt",
                "Robin Roberts returns to the morning show",
                "Robin Roberts returned to the morning show on Monday after a week of rest.");
        // when
        Answer robin = askWith(SentenceModel.shipped(), articles, dir.resolve("robin"),
                "How many grand slam titles has Robin Williams won?");
        Answer serena = askWith(SentenceModel.shipped(), articles, dir.resolve("serena"),
                "How many grand slam titles has Serena Williams won?");
        // then the tennis story never names a Robin Williams, so its Williams is not the one asked about: a name is
        // missing, and whether to answer all the same is the model's call, with less confidence than for Serena
        assertEquals(1.0, namesMissing(robin), robin.explanation().sentence());
        assertEquals(0.0, namesMissing(serena), serena.explanation().sentence());
        assertTrue(serena.answered(), serena.text());
        assertEquals("tennis.txt", serena.citations().get(0).articleId());
        assertTrue(robin.explanation().probability() < serena.explanation().probability());
    }

    private static double namesMissing(Answer a) {
        return a.explanation().decision().parts().stream().filter(p -> p.feature().equals("names_missing"))
                .findFirst().orElseThrow().value();
    }

    @Test
    void anExplainersSubheadIsNeverQuotedAloneButLeadsTheParagraphThatAnswersIt(@TempDir Path dir) throws IOException {
        // given an explainer whose subheads ask what the paragraph under them answers, by a pronoun
        Path articles = copySample(dir);
        writeArticle(articles, "padel.txt",
                "Padel: the racket sport filling Madrid's empty car parks",
                "Padel courts have opened in twelve disused car parks across Madrid this year.",
                "What is padel?",
                "It is a racket sport played in doubles on an enclosed court a third the size of a tennis court.",
                "Who invented padel?",
                "Enrique Corcuera built the first court at his home in Acapulco, Mexico, in 1969.");
        String question = "What is padel?";
        List<Candidate> candidates;
        try (KnowledgeBase kb = open(articles, dir.resolve("data"))) {
            kb.sync(SyncListener.NONE);
            // when
            candidates = kb.candidates(question, Conversation.empty());
        }
        // whether the shipped model answers is its cut-off's call; what it would quote is not
        Answer a = askWith(SentenceModel.shipped().withCutoff(0), articles, dir, question);
        // then the subhead, which holds every word of the question, is no candidate; the paragraph under it leads,
        // and its quote opens with the subhead that names what "it" is
        assertTrue(candidates.stream().noneMatch(c -> c.text().endsWith("?")),
                candidates.stream().map(Candidate::text).toList().toString());
        assertTrue(candidates.get(0).text().startsWith("It is a racket sport"), candidates.get(0).text());
        assertEquals("What is padel?\n\nIt is a racket sport played in doubles on an enclosed court a third the size "
                + "of a tennis court.", a.citations().get(0).quote());
    }

    @Test
    void aQuoteWidenedBackToTheSentenceItRefersToStopsAtAHeading(@TempDir Path dir) throws IOException {
        // given a story whose section opens, under its heading, by a pronoun, a photo's caption above the heading
        Path articles = copySample(dir);
        writeArticle(articles, "india.txt",
                "India at 75: from poverty to the world's fifth largest economy",
                "Prime Minister Narendra Modi pledged to make India a developed country within 25 years.",
                "It was in chaos after independence, reeling from a bloody partition.",
                "Women at a rally to mark the 75th anniversary of independence in Mumbai on August 14, 2022. "
                        + "Pratik Chorge/Hindustan Times/Getty Images",
                "Rise of an economic power",
                "It was synonymous with poverty after independence, and only 12% of Indians were literate.");
        // when
        Answer a = askWith(SentenceModel.shipped().withCutoff(0), articles, dir,
                "What was India like after independence?");
        // then the quote of a sentence opening with "It" takes in the paragraph right before it, but not what
        // stands above a heading
        List<String> quotes = a.citations().stream().map(Citation::quote).toList();
        assertTrue(quotes.contains("Prime Minister Narendra Modi pledged to make India a developed country within 25 "
                + "years.\n\nIt was in chaos after independence, reeling from a bloody partition."), quotes.toString());
        assertTrue(quotes.contains("It was synonymous with poverty after independence, and only 12% of Indians were "
                + "literate."), quotes.toString());
    }

    @Test
    void followUpIsResolvedAgainstTheConversation(@TempDir Path dir) throws IOException {
        try (KnowledgeBase kb = open(copySample(dir), dir.resolve("data"))) {
            kb.sync(SyncListener.NONE);
            // given
            String first = "Who is Mukhtar Ablyazov?";
            Conversation c = Conversation.empty().with(new Conversation.Turn(first, kb.ask(first, Conversation.empty())));
            // when
            Answer a = kb.ask("Where does he live?", c);
            // then
            assertEquals("Where does Mukhtar Ablyazov live?", a.query());
            assertTrue(a.text().contains("France"), a.text());
        }
    }

    /** Ways an index on disk gets damaged: a crash of the disk or the file system, or a hand that tidied up. */
    enum Damage {
        SEGMENT_FILE_MISSING, SEGMENT_FILE_TRUNCATED, COMMIT_POINT_TRUNCATED;

        void applyTo(Path index) throws IOException {
            List<Path> files;
            try (Stream<Path> all = Files.list(index)) {
                files = all.filter(f -> !f.getFileName().toString().equals("write.lock")).toList();
            }
            Path commit = files.stream().filter(f -> f.getFileName().toString().startsWith("segments_")).findFirst().orElseThrow();
            Path largest = files.stream().filter(f -> !f.equals(commit))
                    .max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
            switch (this) {
                case SEGMENT_FILE_MISSING -> Files.delete(largest);
                case SEGMENT_FILE_TRUNCATED -> truncateToHalf(largest);
                case COMMIT_POINT_TRUNCATED -> truncateToHalf(commit);
            }
        }

        private static void truncateToHalf(Path f) throws IOException {
            try (var channel = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(channel.size() / 2);
            }
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Damage.class)
    void aDamagedIndexIsRebuiltFromTheArticles(Damage damage, @TempDir Path dir) throws IOException {
        // given an index built once, then damaged
        Path articles = copySample(dir);
        Path data = dir.resolve("data");
        try (KnowledgeBase kb = open(articles, data)) {
            kb.sync(SyncListener.NONE);
        }
        damage.applyTo(data.resolve("index"));
        // when it is opened again
        try (KnowledgeBase kb = open(articles, data)) {
            SyncReport r = kb.sync(SyncListener.NONE);
            // then it opens empty and the sync indexes every article again
            assertEquals(5, r.added(), r.summary());
            assertEquals(5, kb.catalog().articles());
            assertTrue(kb.ask("How many checkpoints were set up around the capital?", Conversation.empty()).answered());
        }
        // and the rebuilt index opens cleanly the time after
        try (KnowledgeBase kb = open(articles, data)) {
            assertEquals(5, kb.sync(SyncListener.NONE).unchanged());
        }
    }

    @Test
    void anIndexHeldByAWriterIsReadWithoutItsLockAndSaysWhatChangedSince(@TempDir Path dir) throws IOException {
        // given a writer holding an index of the sample
        Path articles = copySample(dir);
        Path data = dir.resolve("data");
        try (KnowledgeBase writer = open(articles, data)) {
            writer.sync(SyncListener.NONE);
            // then a second writer is refused with a reason
            IndexInUseException busy = assertThrows(IndexInUseException.class, () -> open(articles, data));
            assertTrue(busy.getMessage().contains("in use by another process"), busy.getMessage());
            // when the folder changes and a reader opens the index without the lock
            Files.writeString(articles.resolve("new.md"), "# Ports reopen\n\n2022-01-11\n\nThe river ports reopened on Tuesday after the floods.\n");
            Files.delete(articles.resolve("003_36f34d7ea8b783d5.txt"));
            try (KnowledgeBase reader = KnowledgeBase.openReadOnly(new KnowledgeSettings(articles, data), model)) {
                // then it answers from the writer's last commit and says the folder moved on
                assertTrue(reader.readOnly());
                assertEquals(5, reader.catalog().articles());
                assertTrue(reader.ask("How many checkpoints were set up around the capital?", Conversation.empty()).answered());
                SyncReport pending = reader.check();
                assertEquals(List.of(1, 0, 1, 4), List.of(pending.added(), pending.changed(), pending.removed(), pending.unchanged()));
                assertThrows(IllegalStateException.class, () -> reader.sync(SyncListener.NONE));
            }
        }
    }

    @Test
    void aReaderOfAnIndexNotYetCommittedIsToldToWait(@TempDir Path dir) throws IOException {
        // given a writer that has not committed anything yet
        Path articles = copySample(dir);
        Path data = dir.resolve("data");
        try (KnowledgeBase writer = open(articles, data)) {
            // when / then
            IndexInUseException e = assertThrows(IndexInUseException.class,
                    () -> KnowledgeBase.openReadOnly(new KnowledgeSettings(articles, data), model));
            assertTrue(e.getMessage().contains("try again"), e.getMessage());
        }
    }

    @Test
    void restartReusesTheIndexAndPicksUpChangesIncrementally(@TempDir Path dir) throws IOException {
        // given an index built once
        Path articles = copySample(dir);
        Path data = dir.resolve("data");
        try (KnowledgeBase kb = open(articles, data)) {
            assertEquals(5, kb.sync(SyncListener.NONE).added());
        }
        // when nothing changed
        try (KnowledgeBase kb = open(articles, data)) {
            SyncReport again = kb.sync(SyncListener.NONE);
            // then nothing is re-read or re-embedded
            assertEquals(5, again.unchanged());
            assertFalse(again.changedAnything());
            assertEquals(5, kb.catalog().articles());
        }
        // when one file changes, one is deleted and one is added
        Path changed = articles.resolve("004_c9df2069be77ab03.txt");
        Files.writeString(changed, Files.readString(changed) + "\n\nThe ministry confirmed the export stop on Monday.\n");
        Files.delete(articles.resolve("003_36f34d7ea8b783d5.txt"));
        Files.writeString(articles.resolve("new.md"), "# Ports reopen\n\n2022-01-11\n\nThe river ports reopened on Tuesday after the floods.\n");
        try (KnowledgeBase kb = open(articles, data)) {
            SyncReport r = kb.sync(SyncListener.NONE);
            // then
            assertEquals(List.of(1, 1, 1, 3), List.of(r.added(), r.changed(), r.removed(), r.unchanged()));
            assertEquals(5, kb.catalog().articles());
            assertTrue(kb.article("003_36f34d7ea8b783d5.txt").isEmpty());
            assertTrue(kb.ask("When did the river ports reopen?", Conversation.empty()).answered());
        }
    }

    @Test
    void articlesReadTheWayAnEarlierVersionReadThemAreReadAgainAndKeepTheirVectors(@TempDir Path dir) throws Exception {
        // given an index whose articles carry the hash an earlier reading gave them: their content's alone
        Path articles = copySample(dir);
        Path data = dir.resolve("data");
        try (KnowledgeBase kb = open(articles, data)) {
            kb.sync(SyncListener.NONE);
            kb.awaitSentenceVectors(n -> { });
        }
        try (LuceneIndex index = LuceneIndex.open(data.resolve("index"), model)) {
            for (Article a : index.articles()) {
                String contentOnly = a.hash().substring(0, a.hash().indexOf('/'));
                index.put(new Article(a.id(), a.title(), a.date(), a.datePrecision(), a.source(), a.url(), a.text(),
                        contentOnly, a.passages()));
            }
            index.awaitVectors(n -> { });
            index.awaitSentenceVectors(n -> { });
            index.commit();
        }
        // when
        GatedEmbeddingModel counting = GatedEmbeddingModel.open(model);
        try (KnowledgeBase kb = KnowledgeBase.open(new KnowledgeSettings(articles, data), counting)) {
            SyncReport r = kb.sync(SyncListener.NONE);
            // then every file is read again, and every passage and sentence keeps the vector of its unchanged text
            assertEquals(List.of(5, 0), List.of(r.changed(), r.unchanged()));
            assertEquals(0, r.pendingVectors());
            kb.awaitSentenceVectors(n -> { });
            assertEquals(List.of(), counting.embedded());
            assertTrue(kb.ask("What is the CSTO?", Conversation.empty()).answered());
        }
    }

    @Test
    void aFileAddedWhileRunningIsPickedUp(@TempDir Path dir) throws Exception {
        // given a knowledge base watching its folder
        Path articles = copySample(dir);
        try (KnowledgeBase kb = open(articles, dir.resolve("data"))) {
            kb.sync(SyncListener.NONE);
            java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
            kb.watch(java.time.Duration.ofMillis(100), r -> changed.countDown());
            // when
            Files.writeString(articles.resolve("late.txt"), "Ports reopen\n\n2022-01-12\n\nThe river ports reopened on Wednesday.\n");
            // then
            assertTrue(changed.await(30, java.util.concurrent.TimeUnit.SECONDS), "the new file was not picked up");
            assertEquals(6, kb.catalog().articles());
        }
    }

    @Test
    void unreadableFilesAreReportedAndSkippedWhileTheRestIsIndexed(@TempDir Path dir) throws IOException {
        // given
        Path articles = copySample(dir);
        Files.write(articles.resolve("binary.txt"), new byte[] {1, 0, 2, 3});
        Files.write(articles.resolve("empty.md"), new byte[0]);
        Files.write(articles.resolve("latin1.txt"), "A title\n\nCaf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(articles.resolve("broken.json"), "{\"title\": \"x\", \"text\": ");
        try (KnowledgeBase kb = open(articles, dir.resolve("data"))) {
            // when
            SyncReport r = kb.sync(SyncListener.NONE);
            // then
            assertEquals(5, r.articles());
            assertEquals(4, r.skipped().size());
            String reasons = r.skipped().toString();
            assertTrue(reasons.contains("binary.txt: binary file"), reasons);
            assertTrue(reasons.contains("empty.md: empty file"), reasons);
            assertTrue(reasons.contains("latin1.txt: not UTF-8 text: line 3 holds byte 0xE9"), reasons);
            assertTrue(reasons.contains("broken.json: malformed JSON"), reasons);
        }
    }

    @Test
    void anIndexedFileThatBecomesUnreadableIsNoLongerCited(@TempDir Path dir) throws IOException {
        // given
        Path articles = copySample(dir);
        try (KnowledgeBase kb = open(articles, dir.resolve("data"))) {
            kb.sync(SyncListener.NONE);
            // when the article with the arms-export story is overwritten with binary junk
            Files.write(articles.resolve("004_c9df2069be77ab03.txt"), new byte[] {0, 1, 2});
            SyncReport r = kb.sync(SyncListener.NONE);
            // then
            assertEquals(1, r.removed());
            assertEquals(1, r.skipped().size());
            assertEquals(4, kb.catalog().articles());
            Answer a = kb.ask("What did Germany decide about arms exports to Kazakhstan?", Conversation.empty());
            assertTrue(a.citations().stream().noneMatch(c -> c.articleId().startsWith("004")), a.text());
        }
    }

    @Test
    void readsJsonArticlesWithTheirMetadata(@TempDir Path dir) throws IOException {
        // given
        Path articles = Files.createDirectories(dir.resolve("articles").resolve("wire"));
        Files.writeString(articles.resolve("a.json"), "{\"title\": \"Dam opens\", \"date\": \"2024-03-02T08:00:00Z\","
                + " \"url\": \"https://www.example.org/dam\", \"text\": \"The new dam opened on Saturday. It holds 40 million cubic metres.\"}");
        try (KnowledgeBase kb = open(articles.getParent(), dir.resolve("data"))) {
            kb.sync(SyncListener.NONE);
            // when
            Answer a = kb.ask("When did the new dam open?", Conversation.empty());
            // then
            var article = kb.article("wire/a.json").orElseThrow();
            assertEquals("Dam opens", article.title());
            assertEquals("2024-03-02", article.dateLabel());
            assertEquals("example.org", article.source());
            assertTrue(a.answered(), a.text());
            assertEquals("Dam opens", a.citations().get(0).title());
        }
    }
}
