package dev.retinaj.cli;

import dev.retinaj.util.BadFileException;
import dev.retinaj.util.UsageException;
import dev.retinaj.eval.CocoEvaluator;
import dev.retinaj.eval.CocoJsonWriter;
import dev.retinaj.eval.CocoMetrics;
import dev.retinaj.eval.SyntheticCase;
import dev.retinaj.eval.VocEvaluator;
import dev.retinaj.eval.VocMetrics;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retinaj bench eval}: times COCO (and VOC07) evaluation of a seeded synthetic case. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Time COCO evaluation (as pycocotools computes it) of a seeded synthetic case, "
                + "then VOC07 evaluation of the same case.",
            "'seconds' is the COCO evaluation alone (data generation excluded)."},
        footer = {"", "Example:", "  retinaj bench eval --images 5000 --dets 100 --classes 80 --json"})
public final class BenchEvalCommand implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "5000", paramLabel = "N", description = "Images (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--dets", defaultValue = "100", paramLabel = "N", description = "Detections per image (default: ${DEFAULT-VALUE}).")
    int dets;

    @Option(names = "--classes", defaultValue = "80", paramLabel = "N", description = "Classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--save", paramLabel = "DIR",
            description = "Also write the case as DIR/gt.json and DIR/detections.json (e.g. to time pycocotools on it).")
    java.nio.file.Path save;

    @Mixin
    JsonOutput output;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (images < 1 || dets < 0 || classes < 1) {
            throw new UsageException("bench eval: --images and --classes must be >= 1, --dets >= 0");
        }
        long g0 = System.nanoTime();
        SyntheticCase c = SyntheticCase.generate(images, dets, classes, seed);
        double genSeconds = (System.nanoTime() - g0) / 1e9;
        if (save != null) {
            try {
                CocoJsonWriter.write(c.groundTruth(), c.results(), save.resolve("gt.json"), save.resolve("detections.json"));
            } catch (java.io.IOException e) {
                throw new BadFileException(save + ": cannot write the case (" + e.getMessage() + ")");
            }
        }
        long t0 = System.nanoTime();
        CocoMetrics coco = CocoEvaluator.evaluate(c.groundTruth(), c.results());
        double seconds = (System.nanoTime() - t0) / 1e9;
        long v0 = System.nanoTime();
        VocMetrics voc = VocEvaluator.evaluate(c.groundTruth(), c.results(), VocEvaluator.Mode.VOC07);
        double vocSeconds = (System.nanoTime() - v0) / 1e9;
        PrintWriter out = common.out();
        int n = c.results().size();
        if (output.json) {
            out.printf(Locale.ROOT, "{\"images\": %d, \"detections\": %d, \"seconds\": %.3f, \"classes\": %d, "
                            + "\"gt_boxes\": %d, \"voc07_seconds\": %.3f, \"generate_seconds\": %.3f, \"AP\": %.6f, \"voc07_mAP\": %.6f}%n",
                    images, n, seconds, classes, c.groundTruth().numAnnotations(), vocSeconds, genSeconds,
                    coco.stat("AP"), voc.mAP());
        } else {
            out.printf(Locale.ROOT, "case: %d images, %d detections, %d ground-truth boxes, %d classes (seed %d, generated in %.2f s)%n",
                    images, n, c.groundTruth().numAnnotations(), classes, seed, genSeconds);
            out.printf(Locale.ROOT, "coco eval:  %.3f s  (AP %.4f)%n", seconds, coco.stat("AP"));
            out.printf(Locale.ROOT, "voc07 eval: %.3f s  (mAP %.4f)%n", vocSeconds, voc.mAP());
            out.printf(Locale.ROOT, "threads: %d available processors%n", Runtime.getRuntime().availableProcessors());
        }
        out.flush();
        return 0;
    }
}
