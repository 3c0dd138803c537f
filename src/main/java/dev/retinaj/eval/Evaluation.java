package dev.retinaj.eval;

import dev.retinaj.util.UsageException;
import java.util.List;
import java.util.Locale;

/** Runs the evaluator a metric name selects: "coco", "voc07" or "voc" (the values of eval.metric). */
public final class Evaluation {
    public static final List<String> METRICS = List.of("coco", "voc07", "voc");

    private Evaluation() {
    }

    /** @throws UsageException when {@code metric}, given with {@code option}, is not one of {@link #METRICS} */
    public static void checkMetric(String option, String metric) {
        if (!METRICS.contains(metric)) {
            throw new UsageException(option + ": unknown metric '" + metric + "' (expected coco, voc07 or voc)");
        }
    }

    /**
     * @throws IllegalArgumentException for an unknown metric name, or results naming unknown ids
     */
    public static Metrics run(String metric, GroundTruth gt, List<Result> results) {
        return switch (metric.toLowerCase(Locale.ROOT)) {
            case "coco" -> CocoEvaluator.evaluate(gt, results);
            case "voc07" -> VocEvaluator.evaluate(gt, results, VocEvaluator.Mode.VOC07);
            case "voc" -> VocEvaluator.evaluate(gt, results, VocEvaluator.Mode.VOC);
            default -> throw new IllegalArgumentException("unknown metric '" + metric + "' (expected coco, voc07 or voc)");
        };
    }
}
