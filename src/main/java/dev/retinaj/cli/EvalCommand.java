package dev.retinaj.cli;

import dev.retinaj.util.OutputFolder;
import dev.retinaj.util.UsageException;
import dev.retinaj.eval.CocoGroundTruthReader;
import dev.retinaj.eval.CocoResultsReader;
import dev.retinaj.eval.Evaluation;
import dev.retinaj.eval.GroundTruth;
import dev.retinaj.eval.Metrics;
import dev.retinaj.eval.Result;
import dev.retinaj.plot.EvalPlots;
import dev.retinaj.config.EvalConfig;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.BadSamples;
import dev.retinaj.data.DataSource;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.infer.ClassMap;
import dev.retinaj.infer.SplitEvaluation;
import dev.retinaj.infer.TrainedDetector;
import dev.retinaj.infer.WeightsSource;
import java.util.Map;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code retinaj eval}: file mode ({@code --gt} + {@code --detections}) evaluates any detector's COCO
 * results without a model; model mode ({@code -c CONFIG --weights W}) runs a trained detector over a
 * split first.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate detections against ground truth: COCO AP (identical to pycocotools), "
                + "VOC07 11-point AP or VOC2010+ AP.",
            "File mode: --gt COCO instances JSON and --detections COCO results JSON. For VOC metrics iscrowd "
                + "ground truth counts as difficult.",
            "Model mode: RUN_DIR, or -c CONFIG --weights W, runs the detector over data.val (or --split) and "
                + "writes metrics.json and detections.json; a run's config.yaml is used unless -c."},
        footer = {"", "Example:",
            "  retinaj eval --gt annotations/instances_val2017.json --detections results.json",
            "  retinaj eval --gt gt.json --detections dt.json --metric voc07 --json --plots pr/",
            "  retinaj eval runs/shapes_r18_fpn_demo --set test.score_thresh=0.01",
            "  retinaj eval -c configs/shapes_r18_fpn_demo.yaml --weights model.safetensors"})
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    FileMode fileMode;

    @Mixin
    ModelMode modelMode;

    @Option(names = "--metric", paramLabel = "coco|voc07|voc",
            description = "Metric (default: coco in file mode, eval.metric of the config in model mode).")
    String metric;

    @Mixin
    JsonOutput output;

    @Option(names = "--plots", paramLabel = "DIR", description = "Write PR curves per class and overall, the confusion matrix (PNG, JSON) and P/R/F1 against score.")
    Path plots;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        if (metric != null) {
            Evaluation.checkMetric("--metric", metric);
        }
        if (plots != null) {
            OutputFolder.check("--plots", plots, false);
        }
        if (modelMode.out != null) {
            OutputFolder.check("--out", modelMode.out, false);
        }
        if (fileMode.gt != null || fileMode.detections != null) {
            if (fileMode.gt == null || fileMode.detections == null) {
                throw new UsageException("eval: file mode needs both --gt and --detections");
            }
            if (modelMode.run.given()) {
                throw new UsageException("eval: --gt/--detections (file mode) take no RUN_DIR or --weights");
            }
            if (modelMode.out != null) {
                throw new UsageException("--out is for model mode (-c CONFIG --weights W); file mode prints the "
                        + "metrics (--json) and writes --plots");
            }
            if (metric == null) {
                metric = "coco";
            }
            return evaluateFiles();
        }
        Path weights = modelMode.weights();
        if (weights != null) {
            return evaluateModel(weights);
        }
        throw new UsageException("eval needs --gt GT.json --detections DT.json, a RUN_DIR, or -c CONFIG --weights W");
    }

    private int evaluateModel(Path weights) throws IOException {
        String option = modelMode.run.option();
        RetinaConfig cfg = modelMode.config.loadForRun(weights, option);
        Path runDir = WeightsSource.resolve(weights, option).runDir(); // a bad --weights fails before the data is read
        List<String> splits = modelMode.split != null ? List.of(modelMode.split) : cfg.data().val();
        LoadedSplit data = DataSource.load(cfg.data(), splits, modelMode.split != null ? "--split" : "data.val",
                new BadSamples(cfg.data().onBadSample()), true);
        List<EvalConfig.Metric> metrics = metric != null
                ? List.of(EvalConfig.Metric.valueOf(metric.toUpperCase(java.util.Locale.ROOT))) : cfg.eval().metric();
        SplitEvaluation.Outcome outcome;
        long t0 = System.nanoTime();
        try (TrainedDetector det = TrainedDetector.load(cfg, weights, () -> ClassMap.of(data))) {
            if (det.classes().size() != data.numClasses()) {
                throw new UsageException("--weights " + weights + ": the model has " + det.classes().size()
                        + " classes, " + splits + " has " + data.numClasses());
            }
            outcome = new SplitEvaluation(data, cfg, splits).run(det.runner(), metrics, "eval");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path dir = modelMode.out != null ? modelMode.out : runDir != null ? runDir.resolve("eval") : Path.of("eval");
        outcome.write(dir);
        Map<String, Metrics> results = outcome.metrics();
        PrintWriter pw = common.out();
        if (output.json) {
            pw.println(outcome.json().toPrettyString());
        } else {
            pw.printf("%s: %d images, %d detections, %.1f s; metrics.json and detections.json in %s%n", splits,
                    data.records().size(), outcome.results().size(), seconds, dir);
            for (Metrics m : results.values()) {
                pw.print(m.toTable());
            }
        }
        pw.flush();
        if (plots != null) {
            GroundTruth truth = SplitEvaluation.groundTruth(data, cfg.data(), splits);
            for (Metrics m : results.values()) {
                EvalPlots.write(truth, outcome.results(), m, results.size() == 1 ? plots : plots.resolve(m.metric()));
            }
        }
        return 0;
    }

    private int evaluateFiles() throws IOException {
        GroundTruth truth = CocoGroundTruthReader.read(fileMode.gt);
        List<Result> results = CocoResultsReader.read(fileMode.detections, truth);
        long t0 = System.nanoTime();
        Metrics m = Evaluation.run(metric, truth, results);
        double seconds = (System.nanoTime() - t0) / 1e9;
        report(m, truth, results, String.format("%s: %d images, %d ground-truth boxes, %d detections, evaluated in %.2f s",
                metric, truth.numImages(), truth.numAnnotations(), results.size(), seconds));
        return 0;
    }

    /** Prints the metrics (table or JSON) and writes the plots; shared with the model mode. */
    void report(Metrics m, GroundTruth truth, List<Result> results, String header) throws IOException {
        PrintWriter out = common.out();
        if (output.json) {
            out.println(m.toJson());
        } else {
            out.println(header);
            out.print(m.toTable());
        }
        if (plots != null) {
            List<Path> files = EvalPlots.write(truth, results, m, plots);
            if (!output.json) {
                out.printf("wrote %d plots (PR curves, confusion matrix, P/R/F1 against score) to %s%n", files.size(),
                        plots);
            }
        }
        out.flush();
    }

    /** File mode: any detector's COCO results, and the ground truth to score them against. */
    static final class FileMode {
        @Option(names = "--detections", paramLabel = "DT.json",
                description = "Detections, COCO results JSON: [{image_id, category_id, bbox:[x,y,w,h], score}].")
        Path detections;

        @Option(names = "--gt", paramLabel = "GT.json", description = "Ground truth, COCO instances JSON.")
        Path gt;
    }

    /** Model mode: a trained detector (RUN_DIR or --weights; its config with -c and --set over it) run over a split. */
    static final class ModelMode {
        @Mixin
        ConfigOptions config;

        @Mixin
        RunArgument run;

        @Option(names = "--split", paramLabel = "S", description = "Model mode: split to evaluate (default: data.val).")
        String split;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Model mode: where metrics.json and detections.json go (default: RUN_DIR/eval for a run, else eval/).")
        Path out;

        /** The weights to evaluate; null when model mode is not asked for (no RUN_DIR, --weights or -c). */
        Path weights() {
            Path w = run.weights("eval");
            if (w == null && config.config != null) {
                throw new UsageException("eval: model mode needs --weights W (or a RUN_DIR)");
            }
            return w;
        }
    }
}
