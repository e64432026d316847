package dev.briefing.bot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.briefing.knowledge.KnowledgeBase;
import dev.briefing.knowledge.KnowledgeSettings;
import dev.briefing.knowledge.answer.ModelTrainer;
import dev.briefing.knowledge.answer.SentenceModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Refits the answerer's sentence model from question sets, reporting cross-validated figures first. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Refit the answerer's sentence model from question sets (score.py's format) and write it.",
                "Reports each fold held out by k-fold cross-validation, then fits on everything."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--set", required = true, paramLabel = "NAME=QUESTIONS.jsonl:ARTICLES_DIR",
            description = "A question set and the articles it asks about; repeat for several sets.")
    List<String> sets;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds. Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--shuffle", paramLabel = "SEED", defaultValue = "" + ModelTrainer.DEFAULT_SHUFFLE,
            description = "Seed that deals the questions into folds; another seed gives another split, to see how "
                    + "far a held-out total moves with the split alone. Default: ${DEFAULT-VALUE}.")
    long shuffle;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/train",
            description = "Where each set's index is kept between runs. Default: ${DEFAULT-VALUE}.")
    Path data;

    @Option(names = "--out", paramLabel = "FILE",
            defaultValue = "knowledge/src/main/resources/dev/briefing/knowledge/answer/answer-model.json",
            description = "Where to write the model. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--objective", defaultValue = "TREES",
            description = "How the ranker learns: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    ModelTrainer.Objective objective;

    @Option(names = "--examples", paramLabel = "FILE",
            description = "Keep the questions' candidates here: read when present (no question is asked), else written.")
    Path examplesFile;

    @Option(names = "--held-out", paramLabel = "FILE",
            description = "Write how each question came out in the fold that held it out (JSON lines).")
    Path heldOutFile;

    @Override
    public Integer call() throws Exception {
        if (folds < 2) {
            throw new ParameterException(spec.commandLine(), "--folds must be at least 2, got " + folds);
        }
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        ArrayNode described = json.createArrayNode();
        List<ModelTrainer.Example> examples = new ArrayList<>();
        boolean reuse = examplesFile != null && Files.isRegularFile(examplesFile);
        if (!reuse) {
            Folders.requireWritable(spec.commandLine(), "--data", data);
        }
        // one model for every set, loaded only when questions are asked (not when their candidates are reused)
        EmbeddingModel embedder = reuse ? null : new BgeSmallEnV15QuantizedEmbeddingModel();
        if (reuse) {
            examples.addAll(ModelTrainer.readExamples(examplesFile));
            err.printf("read %d questions' candidates from %s%n", examples.size(), examplesFile);
        }
        for (String s : sets) {
            String[] nameRest = s.split("=", 2);
            String[] files = nameRest.length == 2 ? nameRest[1].split(":", 2) : new String[0];
            if (files.length != 2 || !Files.isRegularFile(Path.of(files[0])) || !Files.isDirectory(Path.of(files[1]))) {
                throw new ParameterException(spec.commandLine(),
                        "--set takes NAME=QUESTIONS.jsonl:ARTICLES_DIR with both present, got " + s);
            }
            List<ModelTrainer.Item> items = ModelTrainer.readItems(Path.of(files[0]));
            ObjectNode d = described.addObject();
            d.put("name", nameRest[0]);
            d.put("questions", Path.of(files[0]).getFileName().toString());
            d.put("items", items.size());
            if (reuse) {
                continue;
            }
            KnowledgeSettings settings = new KnowledgeSettings(Path.of(files[1]), data.resolve(nameRest[0]));
            try (KnowledgeBase kb = KnowledgeBase.open(settings, embedder, null, SentenceModel.untrained())) {
                kb.sync(dev.briefing.knowledge.SyncListener.NONE);
                // the index must stop changing before questions are asked: sentence vectors written meanwhile
                // re-form the vector graph's segments, and approximate search would then find other passages
                // from one run to the next
                kb.awaitSentenceVectors(n -> { });
                long t0 = System.nanoTime();
                examples.addAll(ModelTrainer.collect(nameRest[0], items, kb::ask, kb::candidates));
                err.printf("%s: %d questions read in %.1f s%n", nameRest[0], items.size(), (System.nanoTime() - t0) / 1e9);
            }
        }
        if (examplesFile != null && !reuse) {
            ModelTrainer.writeExamples(examples, examplesFile);
        }
        ObjectNode cv = ModelTrainer.crossValidate(examples, folds, shuffle, objective, err::println);
        JsonNode questions = cv.remove("questions");
        if (heldOutFile != null) {
            List<String> lines = new ArrayList<>();
            for (JsonNode q : questions) {
                lines.add(json.writeValueAsString(q));
            }
            Files.write(heldOutFile, lines);
        }
        ObjectNode provenance = json.createObjectNode();
        provenance.put("fitted", Instant.now().toString());
        provenance.set("sets", described);
        provenance.set("crossValidation", cv);
        SentenceModel model = ModelTrainer.fit(examples, objective, provenance);
        model.write(out);
        err.printf("wrote %s (cut-off %.2f)%n", out, model.cutoff());
        return 0;
    }
}
