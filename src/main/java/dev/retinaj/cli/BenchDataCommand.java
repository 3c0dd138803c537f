package dev.retinaj.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.DataBench;
import dev.retinaj.data.DataSource;
import dev.retinaj.data.LoadedSplit;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import dev.retinaj.data.augment.Augmenter;
import dev.retinaj.data.TransformSpec;
import dev.retinaj.util.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retinaj bench data}: images/s of decode + augment + batch, one thread and all threads. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Measure input-pipeline throughput (decode + resize/flip/normalise + batch) with one worker "
                + "thread and with all cores. Without -c it uses a temporary 320 px shapes set.",
        footer = {"", "Example:", "  retinaj bench data --json",
            "  retinaj bench data -c configs/retinanet_r50_fpn_voc0712.yaml --images 200"})
public final class BenchDataCommand implements Runnable {
    @Mixin
    ConfigOptions config;
    @Option(names = "--images", defaultValue = "256", description = "Images per measurement (default: ${DEFAULT-VALUE}).")
    int images;
    /** Data-loader workers, unlike the engine threads of {@link BenchTiming}. */
    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Data-loader worker threads of the parallel run, not engine threads "
                    + "(default: ${DEFAULT-VALUE} = all cores).")
    int workers;
    @Mixin
    JsonOutput output;
    @Mixin
    CommonOptions common;

    @Override
    public void run() {
        int all = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        Path tmp = null;
        try {
            RetinaConfig cfg;
            if (config.config != null) {
                cfg = config.load();
            } else {
                tmp = Files.createTempDirectory("retinaj-bench-data");
                ShapesGenerator.generate(tmp.resolve("shapes"), new ShapesParams(64, 1, 320, 0, 1.0));
                List<String> sets = new ArrayList<>(List.of("data.root=" + tmp.resolve("shapes"), "data.train=[train]",
                        "data.min_size=[320]", "data.max_size=320", "train.batch_size=8"));
                sets.addAll(config.overrides);
                cfg = ConfigLoader.load(null, sets);
            }
            LoadedSplit split = DataSource.train(cfg.data());
            DataBench.Result r = DataBench.run(split.records(), TransformSpec.train(cfg.data()), Augmenter.of(cfg.data()),
                    cfg.train().batchSize(), images, all, cfg.seed());
            PrintWriter out = common.out();
            if (output.json) {
                out.println(new ObjectMapper().writeValueAsString(r.toJsonMap()));
            } else {
                out.printf("data pipeline, %d images, batch %d, min_size %s, max_size %d%n", r.images(), r.batchSize(),
                        cfg.data().minSize(), cfg.data().maxSize());
                out.printf("  decode only (1 thread):        %8.1f images/s%n", r.decodePerSec());
                out.printf("  decode+augment+batch, 1 thread: %8.1f images/s%n", r.oneThreadPerSec());
                out.printf("  decode+augment+batch, %d threads: %6.1f images/s%n", r.threads(), r.allThreadsPerSec());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    FileTrees.deleteTree(tmp);
                } catch (IOException e) {
                    // temp files; best effort
                }
            }
        }
    }
}
