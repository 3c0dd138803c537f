package dev.retinaj.cli;

import dev.retinaj.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code retinaj report RUN_DIR}: one self-contained report.html about a run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write RUN_DIR/report.html: one self-contained page (pictures inlined) with the config, "
                + "validation data statistics, training curves, per-class AP (COCO, VOC07, VOC10), PR curves, "
                + "the confusion matrix, precision/recall/F1 against confidence and the validation images "
                + "with the most errors, predictions over ground truth.",
            "Reads config.yaml, metrics.jsonl, result.json and eval/detections.json of the run, and its "
                + "validation data set; -c CONFIG (merged over config.yaml) and --set override the config, "
                + "e.g. when the data moved."},
        footer = {"", "Example:", "  retinaj report runs/shapes_r18_fpn_demo",
            "  retinaj report runs/shapes_r18_fpn_demo --out /tmp/demo_report.html",
            "  retinaj report runs/shapes_r18_fpn_demo --set data.root=/mnt/data/shapes"})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory (after at least one evaluation).")
    Path runDir;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: RUN_DIR/report.html).")
    Path out;

    @Mixin
    ConfigOptions config;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        Path file = ReportWriter.write(runDir, out, config.given() ? config.loadForRunDir(runDir, "RUN_DIR") : null);
        common.out().println("wrote " + file);
        common.out().flush();
        return 0;
    }
}
