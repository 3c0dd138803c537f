package dev.retinaj.infer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.retinaj.config.DataConfig;
import dev.retinaj.config.EvalConfig;
import dev.retinaj.data.DataSource;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.eval.Category;
import dev.retinaj.eval.CocoGroundTruthReader;
import dev.retinaj.eval.EvalConversions;
import dev.retinaj.eval.Evaluation;
import dev.retinaj.eval.GroundTruth;
import dev.retinaj.eval.Metrics;
import dev.retinaj.eval.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates a model's detections on a loaded split: builds the ground truth (for a single COCO
 * split, straight from its instances JSON so that area ranges use COCO's own areas), turns
 * detections into COCO-format results with the data set's category ids, and runs every metric of
 * {@code eval.metric}.
 */
public final class SplitEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SplitEvaluation() {}

    public static GroundTruth groundTruth(LoadedSplit split, DataConfig cfg, List<String> splits) {
        if (cfg.format() == DataConfig.Format.COCO && splits.size() == 1 && cfg.classes() == null) {
            Path json = DataSource.root(cfg).resolve("annotations").resolve("instances_" + splits.get(0) + ".json");
            if (Files.isRegularFile(json)) {
                return CocoGroundTruthReader.read(json);
            }
        }
        return EvalConversions.groundTruth(split.records(), categories(split));
    }

    /** Detections as COCO results with the data set's category ids. */
    public static List<Result> results(List<Detections> dets, LoadedSplit split) {
        return EvalConversions.results(dets, categories(split));
    }

    private static List<Category> categories(LoadedSplit split) {
        List<Category> cats = new ArrayList<>();
        for (int k = 0; k < split.numClasses(); k++) {
            cats.add(new Category((int) split.categoryIds()[k], split.classNames().get(k)));
        }
        return cats;
    }

    /** Every configured metric, in {@code eval.metric}'s order. */
    public static Map<String, Metrics> evaluate(List<EvalConfig.Metric> metrics, GroundTruth gt, List<Result> results) {
        Map<String, Metrics> out = new LinkedHashMap<>();
        for (EvalConfig.Metric m : metrics) {
            String name = m.name().toLowerCase(Locale.ROOT);
            out.put(name, Evaluation.run(name, gt, results));
        }
        return out;
    }

    /**
     * One JSON object for several metrics: the first metric's object (cli.md's shape) at the top
     * level, each further metric's object under its name, e.g. {@code {"AP": ..., "voc": {"mAP": ...}}}.
     */
    public static ObjectNode combinedJson(Map<String, Metrics> metrics) {
        ObjectNode root = null;
        for (Map.Entry<String, Metrics> e : metrics.entrySet()) {
            JsonNode node = tree(e.getValue());
            if (root == null) {
                root = (ObjectNode) node;
            } else {
                root.set(e.getKey(), node);
            }
        }
        return root == null ? JSON.createObjectNode() : root;
    }

    /** Headline numbers for logs and curves: AP, AP50 ... of COCO, mAP of the first VOC metric. */
    public static Map<String, Double> headline(Map<String, Metrics> metrics) {
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

    private static JsonNode tree(Metrics m) {
        try {
            return JSON.readTree(m.toJson());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code metrics.json} and {@code detections.json} (COCO results format) into {@code dir}. */
    public static void write(Path dir, Map<String, Metrics> metrics, List<Result> results) throws IOException {
        Files.createDirectories(dir);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("metrics.json").toFile(), combinedJson(metrics));
        List<Map<String, Object>> rows = new ArrayList<>(results.size());
        for (Result r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image_id", r.imageId());
            m.put("category_id", r.categoryId());
            m.put("bbox", List.of(r.x(), r.y(), r.w(), r.h()));
            m.put("score", r.score());
            rows.add(m);
        }
        JSON.writeValue(dir.resolve("detections.json").toFile(), rows);
    }
}
