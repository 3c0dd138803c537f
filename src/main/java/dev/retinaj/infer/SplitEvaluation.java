package dev.retinaj.infer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retinaj.config.DataConfig;
import dev.retinaj.config.EvalConfig;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.BatchLoader;
import dev.retinaj.data.DataSource;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.eval.ClassSummary;
import dev.retinaj.eval.CocoGroundTruthReader;
import dev.retinaj.eval.CocoJsonWriter;
import dev.retinaj.eval.EvalConversions;
import dev.retinaj.eval.Evaluation;
import dev.retinaj.eval.GroundTruth;
import dev.retinaj.eval.Metrics;
import dev.retinaj.eval.Result;
import dev.retinaj.util.Interrupts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one way a detector is evaluated on a loaded split, by {@code retinaj eval} and during
 * training: detections of every image, turned into COCO results with the data set's category ids,
 * scored by every metric asked for against the split's ground truth (for a single COCO split read
 * straight from its instances JSON, so that area ranges use COCO's own areas; built once).
 */
public final class SplitEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadedSplit split;
    private final RetinaConfig cfg;
    private final List<String> splits;
    private GroundTruth gt;

    /** @param splits the split names {@code split} was loaded from (data.val, or eval's --split) */
    public SplitEvaluation(LoadedSplit split, RetinaConfig cfg, List<String> splits) {
        this.split = split;
        this.cfg = cfg;
        this.splits = List.copyOf(splits);
    }

    /**
     * Detections as COCO results, every metric in the order asked for, and per class its ground-truth
     * counts and APs ({@link ClassSummary}).
     */
    public record Outcome(List<Result> results, Map<String, Metrics> metrics, Map<String, Map<String, Number>> classes) {
        /** Headline numbers for logs and curves: AP, AP50 ... of COCO, mAP of the first VOC metric. */
        public Map<String, Double> headline() {
            Map<String, Double> out = new LinkedHashMap<>();
            for (Metrics m : metrics.values()) {
                tree(m).fields().forEachRemaining(f -> {
                    if (f.getValue().isNumber() && !out.containsKey(f.getKey())) {
                        out.put(f.getKey(), f.getValue().asDouble());
                    }
                });
            }
            return out;
        }

        /**
         * One JSON object for several metrics: the first metric's object (docs/cli.md's shape) at the top
         * level, each further metric's object under its name, e.g. {@code {"AP": ..., "voc": {"mAP": ...}}},
         * and {@code classes}: per class {@code gt}, {@code gt_ignored}, {@code AP}, {@code AP50}, {@code AP_voc10} ...
         */
        public ObjectNode json() {
            ObjectNode root = null;
            for (Map.Entry<String, Metrics> e : metrics.entrySet()) {
                JsonNode node = tree(e.getValue());
                if (root == null) {
                    root = (ObjectNode) node;
                } else {
                    root.set(e.getKey(), node);
                }
            }
            if (root == null) {
                root = JSON.createObjectNode();
            }
            root.set("classes", JSON.valueToTree(classes));
            return root;
        }

        /** Writes {@code metrics.json} and {@code detections.json} (COCO results format) into {@code dir}. */
        public void write(Path dir) throws IOException {
            Files.createDirectories(dir);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("metrics.json").toFile(), json());
            CocoJsonWriter.writeResults(results, dir.resolve("detections.json"));
        }
    }

    /** Runs the detector over the split (a progress bar named {@code label}) and scores it with {@code metrics}. */
    public Outcome run(InferenceRunner runner, List<EvalConfig.Metric> metrics, String label) {
        List<Detections> dets;
        Interrupts.phase("evaluating");
        try (BatchLoader loader = BatchLoader.evaluation(split, cfg)) {
            dets = runner.runAll(loader.epoch(0), loader.batchesPerEpoch(), label);
        }
        Interrupts.phase("scoring the detections");
        List<Result> results = CocoResults.of(dets, ClassMap.of(split).categories());
        if (gt == null) {
            gt = groundTruth(split, cfg.data(), splits);
        }
        Map<String, Metrics> out = new LinkedHashMap<>();
        for (EvalConfig.Metric m : metrics) {
            String name = m.name().toLowerCase(Locale.ROOT);
            out.put(name, Evaluation.run(name, gt, results));
        }
        return new Outcome(results, out, ClassSummary.of(gt, out.values()));
    }

    public static GroundTruth groundTruth(LoadedSplit split, DataConfig cfg, List<String> splits) {
        if (cfg.format() == DataConfig.Format.COCO && splits.size() == 1 && cfg.classes() == null) {
            Path json = DataSource.root(cfg).resolve("annotations").resolve("instances_" + splits.get(0) + ".json");
            if (Files.isRegularFile(json)) {
                return CocoGroundTruthReader.read(json);
            }
        }
        return EvalConversions.groundTruth(split.records(), ClassMap.of(split).categories());
    }

    private static JsonNode tree(Metrics m) {
        try {
            return JSON.readTree(m.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
