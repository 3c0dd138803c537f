package dev.retinaj.train;

import ai.djl.training.Trainer;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.BatchLoader;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.eval.GroundTruth;
import dev.retinaj.eval.Metrics;
import dev.retinaj.eval.Result;
import dev.retinaj.infer.Detections;
import dev.retinaj.infer.Detector;
import dev.retinaj.infer.InferenceRunner;
import dev.retinaj.infer.SplitEvaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Evaluation on {@code data.val} during and at the end of training, with the trainer's weights. */
final class PeriodicEval {
    private final RetinaConfig cfg;
    private final LoadedSplit val;
    private final InferenceRunner runner;
    private GroundTruth gt;

    PeriodicEval(RetinaConfig cfg, LoadedSplit val, Detector detector, Trainer trainer) {
        this.cfg = cfg;
        this.val = val;
        this.runner = new InferenceRunner(detector, trainer::evaluate, trainer.getManager());
    }

    /** Headline metrics; with {@code outDir}, also writes metrics.json and detections.json there. */
    Map<String, Double> evaluate(long iteration, Path outDir) throws IOException {
        if (gt == null) {
            gt = SplitEvaluation.groundTruth(val, cfg.data(), cfg.data().val());
        }
        List<Detections> dets;
        try (BatchLoader loader = BatchLoader.evaluation(val, cfg)) {
            dets = runner.runAll(loader.epoch(0), loader.batchesPerEpoch(), "eval @" + iteration);
        }
        List<Result> results = SplitEvaluation.results(dets, val);
        Map<String, Metrics> metrics = SplitEvaluation.evaluate(cfg.eval().metric(), gt, results);
        if (outDir != null) {
            SplitEvaluation.write(outDir, metrics, results);
            for (Metrics m : metrics.values()) {
                System.out.println(m.toTable());
            }
        }
        return SplitEvaluation.headline(metrics);
    }

    static String describe(Map<String, Double> m) {
        return m.entrySet().stream().limit(6)
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4f", e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
