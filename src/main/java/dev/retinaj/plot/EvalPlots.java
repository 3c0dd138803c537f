package dev.retinaj.plot;

import dev.retinaj.eval.ConfusionMatrix;
import dev.retinaj.eval.GroundTruth;
import dev.retinaj.eval.Metrics;
import dev.retinaj.eval.Result;
import dev.retinaj.eval.ScoreCurves;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every evaluation picture for one set of detections, into one folder: {@code pr_<class>.png} and
 * {@code pr_overall.png} (of the first metric), {@code confusion.png} + {@code confusion.json}, and
 * {@code score_curves.png} (precision, recall, F1 against confidence).
 */
public final class EvalPlots {
    /** The confusion matrix's thresholds: a typical deployment score, and VOC's IoU. */
    public static final double CONFUSION_SCORE = 0.3;
    public static final double CONFUSION_IOU = 0.5;

    private EvalPlots() {}

    public static List<Path> write(GroundTruth gt, List<Result> results, Metrics metrics, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>(PrPlotter.writeAll(metrics.prFigures(), dir));
        ConfusionMatrix m = ConfusionMatrix.compute(gt, results, CONFUSION_SCORE, CONFUSION_IOU);
        Path png = dir.resolve("confusion.png");
        Charts.writePng(ConfusionChart.render(m), png);
        Path json = dir.resolve("confusion.json");
        Files.writeString(json, m.toJson());
        Path scores = dir.resolve("score_curves.png");
        Charts.writePng(ScoreCurvesChart.render(ScoreCurves.compute(gt, results, CONFUSION_IOU)), scores);
        out.addAll(List.of(png, json, scores));
        return out;
    }
}
