package dev.retinaj.cli;

import dev.retinaj.eval.CocoGroundTruthReader;
import dev.retinaj.eval.CocoResultsReader;
import dev.retinaj.eval.Evaluation;
import dev.retinaj.eval.GroundTruth;
import dev.retinaj.eval.Metrics;
import dev.retinaj.eval.PrPlotter;
import dev.retinaj.eval.Result;
import dev.retinaj.util.UserError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code retinaj eval}: file mode ({@code --gt} + {@code --detections}) evaluates any detector's COCO
 * results without a model. The model mode ({@code -c CONFIG --weights W}) is dispatched from
 * {@link #call()} once it exists.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate detections against ground truth: COCO AP (identical to pycocotools), "
                + "VOC07 11-point AP or VOC2010+ AP.",
            "File mode: --gt COCO instances JSON and --detections COCO results JSON. For VOC metrics iscrowd "
                + "ground truth counts as difficult."},
        footer = {"", "Example:",
            "  retinaj eval --gt annotations/instances_val2017.json --detections results.json",
            "  retinaj eval --gt gt.json --detections dt.json --metric voc07 --json --plots pr/"})
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--gt", paramLabel = "GT.json", description = "Ground truth, COCO instances JSON.")
    Path gt;

    @Option(names = "--detections", paramLabel = "DT.json",
            description = "Detections, COCO results JSON: [{image_id, category_id, bbox:[x,y,w,h], score}].")
    Path detections;

    @Option(names = "--metric", defaultValue = "coco", paramLabel = "coco|voc07|voc",
            description = "Metric (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--json", description = "Print the metrics as JSON instead of a table.")
    boolean json;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write precision-recall curves (PNG) per class and overall.")
    Path plots;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Evaluation.METRICS.contains(metric)) {
            throw new UserError("--metric: unknown metric '" + metric + "' (expected coco, voc07 or voc)", 2);
        }
        if (gt != null || detections != null) {
            if (gt == null || detections == null) {
                throw new UserError("eval: file mode needs both --gt and --detections", 2);
            }
            return evaluateFiles();
        }
        throw new UserError("eval needs --gt and --detections", 2);
    }

    private int evaluateFiles() throws IOException {
        GroundTruth truth = CocoGroundTruthReader.read(gt);
        List<Result> results = CocoResultsReader.read(detections, truth);
        long t0 = System.nanoTime();
        Metrics m = Evaluation.run(metric, truth, results);
        double seconds = (System.nanoTime() - t0) / 1e9;
        report(m, String.format("%s: %d images, %d ground-truth boxes, %d detections, evaluated in %.2f s",
                metric, truth.numImages(), truth.numAnnotations(), results.size(), seconds));
        return 0;
    }

    /** Prints the metrics (table or JSON) and writes the plots; shared with the model mode. */
    void report(Metrics m, String header) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(m.toJson());
        } else {
            out.println(header);
            out.print(m.toTable());
        }
        if (plots != null) {
            List<Path> files = PrPlotter.writeAll(m.prFigures(), plots);
            if (!json) {
                out.printf("wrote %d PR plots to %s%n", files.size(), plots);
            }
        }
        out.flush();
    }
}
