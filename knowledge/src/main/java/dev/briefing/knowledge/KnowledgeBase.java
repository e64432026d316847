package dev.briefing.knowledge;

import dev.briefing.knowledge.answer.Acronyms;
import dev.briefing.knowledge.answer.Answer;
import dev.briefing.knowledge.answer.Answerer;
import dev.briefing.knowledge.answer.Candidate;
import dev.briefing.knowledge.answer.Conversation;
import dev.briefing.knowledge.answer.ExtractiveAnswerer;
import dev.briefing.knowledge.answer.GroundedChatAnswerer;
import dev.briefing.knowledge.answer.SentenceModel;
import dev.briefing.knowledge.article.Article;
import dev.briefing.knowledge.article.Passage;
import dev.briefing.knowledge.embed.BatchedOnnxEmbeddingModel;
import dev.briefing.knowledge.index.BackgroundEmbeddingModel;
import dev.briefing.knowledge.index.LuceneIndex;
import dev.briefing.knowledge.index.TermStats;
import dev.briefing.knowledge.ingest.ArticleFolder;
import dev.briefing.knowledge.ingest.UnreadableArticleException;
import dev.briefing.knowledge.query.FollowUpQueryTransformer;
import dev.briefing.knowledge.retrieve.HybridRetriever;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The knowledge module's entry point: keeps the index of an articles folder in step with the folder and
 * answers questions from it with verbatim citations. Thread-safe; one instance per data folder.
 */
public final class KnowledgeBase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBase.class);
    /** Commit after this many indexed files, so a crash mid-ingest loses at most one batch. */
    static final int COMMIT_EVERY = 25;

    private final KnowledgeSettings settings;
    private final ChatModel chatModel;
    private final ArticleFolder folder;
    private final LuceneIndex index;
    /** The model this instance loads and so must close; null when the caller passed its own. */
    private final BackgroundEmbeddingModel ownModel;
    private final QueryTransformer followUps = new FollowUpQueryTransformer();
    private final com.github.benmanes.caffeine.cache.Cache<String, float[]> queryVectors = HybridRetriever.newQueryVectorCache();
    /** Embeds questions while their BM25 search runs; threads are made as questions come in at once, and idle ones end. */
    private final ExecutorService questionEmbedding = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "question-embedding");
        t.setDaemon(true);
        return t;
    });
    private final SentenceModel model;
    private final AtomicLong version = new AtomicLong();
    private final Object syncLock = new Object();
    private volatile Engine engine;
    private ScheduledExecutorService watcher;
    /** The answer path's warm-up, once started ({@link #warmUpAnswers()}); null before. */
    private CompletableFuture<Integer> answersWarm;
    /** Set by {@link #close()}: the warm-up asks no further question. */
    private volatile boolean closing;

    /**
     * What {@link #warmUpAnswers()} asks: questions of each common kind (a count, a name, a place, a time, a reason,
     * a definition, a statement, a "which", a quiz with its lead sentence) so each kind's code runs, each with
     * words to search for ("Where did it happen?" has none, and stops before retrieval), most with a made-up name
     * no passage holds, searched fuzzily (one, then two edits: Lucene builds its edit automata on first use, 0.4 s
     * on a busy machine), the last followed up; made up, so that no user or question set asks them, and their
     * vectors cached in memory serve no real question. Fifteen, not one per kind: after five, the JIT had not yet
     * compiled the answer path, and the first question of a 5,000-article bench was its slowest (56 to 84 ms).
     */
    static final List<String> WARM_UP_QUESTIONS = List.of(
            "How many people took part in the talks?", "Who announced the decision in Quzel?",
            "Where was the meeting with Vorkelstad held?", "When did the strike start?",
            "Why did the council of Brandholm delay the vote?", "What is the Tervane compact?",
            "What did the minister say about the fuel subsidies in Ostrelia?",
            "Which company bought the Marlowe Quay shipyard?",
            "A storm cut power to thousands of homes in Kelvaro this week. How many homes were still dark on Friday?",
            "How much did the drought cost farmers in Dunmere last year?",
            "Who won the election in the province of Saldavia?",
            "What happened at the Venn Pass border crossing this week?",
            "Where will the Arlstad summit be held next year?", "When will the new rules on Pellmark ferries take effect?",
            "Who reported that?");

    /**
     * How many times the warm-up asks each of its questions. A repeat reuses the question's cached vector, so it
     * runs only the Java part of the answer path, the part the JIT compiles; one round leaves much of it to be
     * compiled while the first real questions are answered, the compiler's threads taking the cores from them.
     * Measured at 5,000 articles ({@code bench}, first pass over the 92 news questions, {@code -Xmx512m}, runs
     * interleaved on 2 cores; median of each run's p99): 1 round 73.0 ms (16 runs), 4 rounds 59.1 (5), 10 rounds
     * 58.2 (10), 20 rounds 55.9 (9), 40 rounds 58.0 (4); the p50 from 30.0 to 25.8 ms at 10 rounds. The warm-up
     * then takes about 6 s of one core in the background, against 2.4 s for one round.
     */
    static final int WARM_UP_ROUNDS = 10;

    /** Beside the index (derived data too): each article file's size, modification time and hash when last read. */
    static final String STAMPS = "file-stamps.tsv";

    /**
     * What each file looked like when it was last hashed. A sync re-reads only files whose size or modification
     * time changed, instead of every file every 30 s and at every start; the content hash still decides what
     * changed.
     */
    private final FileStamps stamps;

    /** The parts that depend on the index's current contents, swapped whole after each change. */
    private record Engine(Answerer answerer, ExtractiveAnswerer extractive, HybridRetriever retriever, Catalog catalog,
                          List<Article> newestFirst) {
    }

    private KnowledgeBase(KnowledgeSettings settings, LuceneIndex index, ChatModel chatModel,
                          BackgroundEmbeddingModel ownModel, SentenceModel model) {
        this.settings = settings;
        this.chatModel = chatModel;
        this.folder = new ArticleFolder(settings.articles());
        this.index = index;
        this.ownModel = ownModel;
        this.model = model;
        this.stamps = FileStamps.load(settings.data().resolve("index").resolve(STAMPS));
        this.engine = buildEngine();
    }

    /**
     * Opens (or creates) the index under {@code settings.data()} with the in-process bge-small model, which
     * embeds in length-grouped batches on every core ({@link BatchedOnnxEmbeddingModel}). The model loads only
     * when something needs it: a sync with files to index, {@link #warmUp()}, a first question, or passages a
     * previous run left without vectors, which are embedded in the background from now on.
     */
    public static KnowledgeBase open(KnowledgeSettings settings) throws IOException {
        return open(settings, (ChatModel) null);
    }

    /** As {@link #open(KnowledgeSettings)}, with an optional remote chat model (null: extractive answers). */
    public static KnowledgeBase open(KnowledgeSettings settings, ChatModel chatModel) throws IOException {
        BackgroundEmbeddingModel model = new BackgroundEmbeddingModel(BatchedOnnxEmbeddingModel::bgeSmallEnV15Quantized);
        return openWith(settings, model, chatModel, model, SentenceModel.shipped());
    }

    /**
     * As {@link #open(KnowledgeSettings, ChatModel)}, for a caller about to answer questions: the embedding model
     * starts loading before the index opens, so its load (seconds on a busy machine) overlaps reading the stored
     * articles instead of following it.
     */
    public static KnowledgeBase openToAnswer(KnowledgeSettings settings, ChatModel chatModel) throws IOException {
        BackgroundEmbeddingModel model = new BackgroundEmbeddingModel(BatchedOnnxEmbeddingModel::bgeSmallEnV15Quantized);
        model.start();
        try {
            return openWith(settings, model, chatModel, model, SentenceModel.shipped());
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Opens (or creates) the index under {@code settings.data()} with the given embedding model. */
    public static KnowledgeBase open(KnowledgeSettings settings, EmbeddingModel embedder) throws IOException {
        return open(settings, embedder, null);
    }

    /**
     * Opens the index with the given embedding model and, when {@code chatModel} is not null, lets that remote
     * model phrase answers from verified quotes ({@link GroundedChatAnswerer}); null keeps answers extractive.
     */
    public static KnowledgeBase open(KnowledgeSettings settings, EmbeddingModel embedder, ChatModel chatModel)
            throws IOException {
        return openWith(settings, embedder, chatModel, null, SentenceModel.shipped());
    }

    /** As {@link #open(KnowledgeSettings, EmbeddingModel, ChatModel)}, answering with the given sentence model. */
    public static KnowledgeBase open(KnowledgeSettings settings, EmbeddingModel embedder, ChatModel chatModel,
                                     SentenceModel model) throws IOException {
        return openWith(settings, embedder, chatModel, null, model);
    }

    private static KnowledgeBase openWith(KnowledgeSettings settings, EmbeddingModel embedder, ChatModel chatModel,
                                          BackgroundEmbeddingModel ownModel, SentenceModel model) throws IOException {
        Path dir = settings.data().resolve("index");
        Files.createDirectories(dir);
        LuceneIndex index;
        try {
            index = LuceneIndex.open(dir, embedder);
        } catch (LockObtainFailedException e) {
            throw new IndexInUseException(dir, "the index in " + dir + " is in use by another process (run, ingest"
                    + " or chat on the same data folder); stop it, or pass another --data", e);
        }
        return new KnowledgeBase(settings, index, chatModel, ownModel, model);
    }

    /**
     * Opens the index another process holds for writing, read-only and without its lock, as of that process's
     * last commit. {@link #sync} refuses; {@link #check()} says what has changed in the folder since.
     *
     * @throws IndexInUseException when there is no readable commit yet (the other process is still building it)
     */
    public static KnowledgeBase openReadOnly(KnowledgeSettings settings, ChatModel chatModel) throws IOException {
        BackgroundEmbeddingModel model = new BackgroundEmbeddingModel(BatchedOnnxEmbeddingModel::bgeSmallEnV15Quantized);
        return openReadOnly(settings, model, chatModel, model);
    }

    /** As {@link #openReadOnly(KnowledgeSettings, ChatModel)} with the given embedding model, for tests. */
    static KnowledgeBase openReadOnly(KnowledgeSettings settings, EmbeddingModel embedder) throws IOException {
        return openReadOnly(settings, embedder, null, null);
    }

    private static KnowledgeBase openReadOnly(KnowledgeSettings settings, EmbeddingModel model, ChatModel chatModel,
                                              BackgroundEmbeddingModel ownModel) throws IOException {
        Path dir = settings.data().resolve("index");
        LuceneIndex index;
        try {
            index = LuceneIndex.openReadOnly(dir, model);
        } catch (IOException e) {
            throw new IndexInUseException(dir, "the index in " + dir + " is held by another process and cannot be read"
                    + " yet (" + e.getMessage() + "); try again when that process has indexed the articles", e);
        }
        return new KnowledgeBase(settings, index, chatModel, ownModel, SentenceModel.shipped());
    }

    /** Whether this instance only reads an index another process writes ({@link #openReadOnly}). */
    public boolean readOnly() {
        return index.readOnly();
    }

    /**
     * What a sync would change, changing nothing: files added, changed (by content hash) and removed since the
     * index was written, and unreadable files among the new ones as skipped. For a read-only instance, whose
     * index another process keeps.
     */
    public SyncReport check() throws IOException {
        synchronized (syncLock) {
            long t0 = System.nanoTime();
            Map<String, String> indexed = new HashMap<>();
            index.articles().forEach(a -> indexed.put(a.id(), a.hash()));
            Set<String> present = new HashSet<>();
            List<SyncReport.Skipped> skipped = new ArrayList<>();
            int added = 0;
            int changed = 0;
            int unchanged = 0;
            for (Path f : folder.files()) {
                String id = folder.idOf(f);
                present.add(id);
                byte[] bytes = Files.readAllBytes(f);
                String hash = ArticleFolder.articleHash(ArticleFolder.hash(bytes));
                String known = indexed.get(id);
                if (hash.equals(known)) {
                    unchanged++;
                    continue;
                }
                try {
                    folder.read(f, bytes); // a file the writer skipped as unreadable is not news
                    if (known == null) {
                        added++;
                    } else {
                        changed++;
                    }
                } catch (UnreadableArticleException e) {
                    skipped.add(new SyncReport.Skipped(f, e.getMessage()));
                }
            }
            int removed = (int) indexed.keySet().stream().filter(id -> !present.contains(id)).count();
            return new SyncReport(added, changed, removed, unchanged, index.articles().size(), index.passageCount(),
                    skipped, Duration.ofNanos(System.nanoTime() - t0), index.pendingVectors());
        }
    }

    /**
     * Starts loading the embedding model in the background, for a caller that is about to ask questions, so the
     * load overlaps the sync; returns at once. Without it the first question (or a sync with work) loads it.
     */
    public void warmUp() {
        if (ownModel != null) {
            ownModel.start();
        }
    }

    /**
     * Warms the answer path in the background and returns at once: loads the embedding model, then answers
     * {@link #WARM_UP_QUESTIONS}, {@link #WARM_UP_ROUNDS} times each, with the extractive answerer (never a remote
     * chat model) and throws the answers away. The first question a process answers otherwise pays for the JVM
     * loading and compiling that path and for ONNX's first runs: 419 ms against 32 ms for the median first-time
     * question at 5,000 articles. For a process that will answer more than one question ({@code chat},
     * {@code run}); a single {@code ask} would only wait for it. Idempotent.
     *
     * @return completes with how many answers the warm-up gave (fewer if the knowledge base closed meanwhile) when
     *     it is over; a failure is logged, not thrown (it costs the first user a wait)
     */
    public synchronized CompletableFuture<Integer> warmUpAnswers() {
        if (answersWarm != null) {
            return answersWarm;
        }
        warmUp();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            int answered = 0;
            try {
                String last = WARM_UP_QUESTIONS.get(WARM_UP_QUESTIONS.size() - 1);
                for (int round = 0; round < WARM_UP_ROUNDS && !closing; round++) {
                    Conversation c = Conversation.empty();
                    for (String q : WARM_UP_QUESTIONS) {
                        if (closing) {
                            break;
                        }
                        // each on its own but the last, a follow-up of the one before
                        c = q.equals(last) ? c : Conversation.empty();
                        Answer a = engine.extractive().answer(resolve(q, c), c);
                        c = c.with(new Conversation.Turn(q, a));
                        answered++;
                    }
                }
                LOG.debug("answer path warmed up: {} answers in {} ms", answered, (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("warming up the answer path failed (the first question will be slower): {}", e.toString());
            } finally {
                done.complete(answered);
            }
        }, "answer-warm-up");
        t.setDaemon(true);
        answersWarm = done;
        t.start();
        return done;
    }

    /** Whether {@link #sync(SyncListener, Vectors)} returns before the vectors of what it read are in. */
    public enum Vectors {
        /** Return once every passage has its vector (the report then shows none waiting). */
        AWAIT,
        /** Return as soon as the folder is searchable by BM25; vectors are added in the background. */
        IN_BACKGROUND
    }

    /**
     * Brings the index in step with the articles folder, vectors included: as {@link #sync(SyncListener, Vectors)}
     * with {@link Vectors#AWAIT}.
     */
    public SyncReport sync(SyncListener listener) throws IOException {
        return sync(listener, Vectors.AWAIT);
    }

    /**
     * Brings the index in step with the articles folder: new and changed files (by SHA-256 of their bytes)
     * are read and indexed, deleted ones dropped. Unreadable files are reported and skipped. What was read is
     * answerable by BM25 when the read part ends; its passages' vectors are computed in the background
     * (passages whose text already has a vector get it at once), and with {@link Vectors#AWAIT} this waits
     * for them, reporting progress to {@link SyncListener#vectorsPending(int)}.
     *
     * @throws IllegalStateException when waiting and the embedding model failed
     */
    public SyncReport sync(SyncListener listener, Vectors vectors) throws IOException {
        long t0 = System.nanoTime();
        SyncReport report = read(listener);
        if (vectors == Vectors.AWAIT && report.pendingVectors() > 0) {
            long embeddedBefore = index.embeddedTexts();
            awaitVectors(listener);
            report = report.withPendingVectors(index.pendingVectors(), Duration.ofNanos(System.nanoTime() - t0));
            LOG.info("vectors in after {} s: {} distinct texts embedded, the rest found by content hash",
                    String.format("%.1f", report.took().toMillis() / 1000.0), index.embeddedTexts() - embeddedBefore);
        }
        return report;
    }

    /**
     * Waits until every passage has its vector, telling {@code listener} how many still wait.
     *
     * @throws IllegalStateException when the embedding model failed (the passages wait for the next start)
     */
    public void awaitVectors(SyncListener listener) throws InterruptedIOException {
        try {
            index.awaitVectors(listener::vectorsPending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for vectors");
        }
    }

    /** Passages that are answerable by BM25 but still wait for their vector. */
    public int pendingVectors() {
        return index.pendingVectors();
    }

    /**
     * Sentences still waiting for their vector: embedded in the background after the passages, and meanwhile by
     * the answerer when a question first reaches them.
     */
    public int pendingSentenceVectors() {
        return index.pendingSentenceVectors();
    }

    /**
     * Waits until every passage and every sentence has its vector, telling {@code progress} how many sentences
     * still wait.
     *
     * @throws IllegalStateException when the embedding model failed (what waits is embedded at the next start)
     */
    public void awaitSentenceVectors(java.util.function.IntConsumer progress) throws InterruptedIOException {
        try {
            index.awaitSentenceVectors(progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for sentence vectors");
        }
    }

    /**
     * The embedding model, with a content-hash cache in front (any text whose hash has a vector in the index, or
     * that was embedded lately, is not embedded again): for embedding other text than passages, such as
     * candidate sentences at question time.
     */
    public EmbeddingModel embeddingModel() {
        return index.embeddingModel();
    }

    private SyncReport read(SyncListener listener) throws IOException {
        try (LuceneIndex.Hold held = index.holdVectors()) {
            return readHeld(listener);
        }
    }

    private SyncReport readHeld(SyncListener listener) throws IOException {
        if (readOnly()) {
            throw new IllegalStateException("the index is read-only here: another process keeps it in step");
        }
        synchronized (syncLock) {
            long t0 = System.nanoTime();
            if (!Files.isDirectory(settings.articles())) {
                throw new IOException("the articles folder " + settings.articles() + " does not exist");
            }
            Map<String, String> indexed = new HashMap<>();
            index.articles().forEach(a -> indexed.put(a.id(), a.hash()));
            List<Path> files = folder.files();
            List<Path> todo = new ArrayList<>();
            Map<Path, byte[]> contents = new HashMap<>();
            Set<String> present = new HashSet<>();
            int unchanged = 0;
            int changed = 0;
            int added = 0;
            int removed = 0;
            for (Path f : files) {
                String id = folder.idOf(f);
                present.add(id);
                BasicFileAttributes attrs = Files.readAttributes(f, BasicFileAttributes.class);
                FileStamps.Stamp known = stamps.get(id);
                String hash = known != null && known.matches(attrs) ? known.hash() : null;
                byte[] bytes = null;
                if (hash == null) {
                    Instant readAt = settings.clock().instant();
                    bytes = Files.readAllBytes(f);
                    hash = ArticleFolder.hash(bytes);
                    stamps.put(id, FileStamps.Stamp.of(attrs, hash), readAt);
                }
                if (ArticleFolder.articleHash(hash).equals(indexed.get(id))) {
                    unchanged++;
                } else {
                    todo.add(f);
                    contents.put(f, bytes != null ? bytes : Files.readAllBytes(f));
                }
            }
            stamps.retain(present);
            if (!todo.isEmpty()) {
                warmUp(); // load the model while the files are parsed
            }
            listener.started(todo.size());
            List<SyncReport.Skipped> skipped = new ArrayList<>();
            int sinceCommit = 0;
            for (Path f : todo) {
                String id = folder.idOf(f);
                try {
                    Article a = folder.read(f, contents.remove(f));
                    if (indexed.containsKey(id)) {
                        changed++;
                    } else {
                        added++;
                    }
                    index.put(a);
                } catch (UnreadableArticleException e) {
                    skipped.add(new SyncReport.Skipped(f, e.getMessage()));
                    if (indexed.containsKey(id)) {
                        // the old version must not go on being cited once the file is broken
                        index.remove(id);
                        removed++;
                    }
                }
                listener.indexed(f);
                if (++sinceCommit >= COMMIT_EVERY) {
                    index.commit();
                    sinceCommit = 0;
                }
            }
            for (String id : indexed.keySet()) {
                if (!present.contains(id)) {
                    index.remove(id);
                    removed++;
                }
            }
            index.commit();
            // after the commit, so a stamp never speaks for a version of a file the index does not hold
            stamps.save();
            if (added + changed + removed > 0) {
                version.incrementAndGet();
                engine = buildEngine();
            }
            SyncReport report = new SyncReport(added, changed, removed, unchanged, index.articles().size(),
                    index.passageCount(), skipped, Duration.ofNanos(System.nanoTime() - t0), index.pendingVectors());
            LOG.info("articles synced: {}", report.summary());
            return report;
        }
    }

    /**
     * Re-syncs every {@code interval} in the background, so files added, changed or deleted while the bot
     * runs are picked up; each pass that changed something is handed to {@code onChange}.
     */
    public synchronized void watch(Duration interval, Consumer<SyncReport> onChange) {
        Objects.requireNonNull(interval, "interval");
        if (watcher != null) {
            throw new IllegalStateException("already watching " + settings.articles());
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "articles-watch");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(() -> {
            try {
                SyncReport r = sync(SyncListener.NONE, Vectors.IN_BACKGROUND);
                if (r.changedAnything()) {
                    onChange.accept(r);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("re-reading {} failed: {}", settings.articles(), e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Engine buildEngine() {
        TermStats stats = index.termStats();
        HybridRetriever retriever = new HybridRetriever(index, stats, queryVectors, questionEmbedding);
        List<Article> articles = new ArrayList<>(index.articles());
        articles.sort(Comparator.comparing((Article a) -> a.date() == null ? LocalDate.MIN : a.date()).reversed()
                .thenComparing(Article::id));
        LocalDate first = articles.stream().map(Article::date).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        LocalDate last = articles.stream().map(Article::date).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        Catalog catalog = new Catalog(articles.size(), index.passageCount(), first, last, version.get());
        // Only an unanswered question reads the coverage line, and naming the topics scans every passage (seconds at
        // 5,000 articles): it is worked out in the background, off the start's way to the first answer.
        CompletableFuture<String> coverage = CompletableFuture.supplyAsync(() -> Topics.describe(catalog, articles));
        ExtractiveAnswerer extractive = new ExtractiveAnswerer(index, stats, retriever, Acronyms.of(articles),
                q -> queryVectors.get(q, index::embedQuery), index::embedDocuments, model, coverage::join);
        Answerer answerer = chatModel == null ? extractive : new GroundedChatAnswerer(extractive, retriever, index, chatModel);
        return new Engine(answerer, extractive, retriever, catalog, List.copyOf(articles));
    }

    /** Answers a question, resolving follow-ups against the conversation's earlier turns. */
    public Answer ask(String question, Conversation conversation) {
        return engine.answerer().answer(resolve(question, conversation), conversation);
    }

    /**
     * Every sentence of the passages retrieved for a question, with its features, best first: what the
     * answerer chooses from, and what {@link dev.briefing.knowledge.answer.ModelTrainer} learns from.
     */
    public List<Candidate> candidates(String question, Conversation conversation) {
        return engine.extractive().candidates(resolve(question, conversation), conversation);
    }

    private Query resolve(String question, Conversation conversation) {
        Objects.requireNonNull(question, "question");
        String q = question.strip();
        List<ChatMessage> memory = new ArrayList<>();
        for (Conversation.Turn t : conversation.turns()) {
            memory.add(UserMessage.from(t.answer().query().isBlank() ? t.question() : t.answer().query()));
            memory.add(AiMessage.from(t.answer().text()));
        }
        Query query = Query.from(q, Metadata.from(UserMessage.from(q), "conversation", memory));
        return followUps.transform(query).iterator().next();
    }

    /**
     * The passages a ranking finds for a question, best first: for measuring retrieval (the answerer always
     * uses {@link HybridRetriever.Ranking#HYBRID}).
     */
    public List<Passage> search(String question, int k, HybridRetriever.Ranking ranking) {
        return engine.retriever().retrieve(question, k, ranking).stream().map(s -> s.passage()).toList();
    }

    /** Every article, newest first (undated last). */
    public List<Article> articles() {
        return engine.newestFirst();
    }

    /** The articles published on a day, in id order. */
    public List<Article> articlesOn(LocalDate day) {
        return engine.newestFirst().stream()
                .filter(a -> day.equals(a.date()))
                .sorted(Comparator.comparing(Article::id))
                .toList();
    }

    public Optional<Article> article(String id) {
        return index.article(id);
    }

    public Optional<Passage> passage(String passageId) {
        return index.passage(passageId);
    }

    /** Counts and date range of what is indexed, and how many passages still wait for vectors. */
    public Catalog catalog() {
        return engine.catalog().withPendingVectors(index.pendingVectors());
    }

    @Override
    public void close() throws IOException {
        CompletableFuture<Integer> warming;
        synchronized (this) {
            if (watcher != null) {
                watcher.shutdownNow();
            }
            closing = true;
            warming = answersWarm;
        }
        if (warming != null) {
            warming.join(); // its question in progress reads the index: let it end before the index closes
        }
        questionEmbedding.shutdown();
        synchronized (syncLock) {
            try {
                index.close();
            } finally {
                if (ownModel != null) {
                    ownModel.close();
                }
            }
        }
    }
}
