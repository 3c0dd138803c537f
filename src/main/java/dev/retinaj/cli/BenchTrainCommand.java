package dev.retinaj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.engine.EngineThreads;
import dev.retinaj.engine.ProcessStats;
import dev.retinaj.train.ProfilerHook;
import dev.retinaj.train.RunDirectory;
import dev.retinaj.train.TrainRunner;
import dev.retinaj.util.FileTrees;
import dev.retinaj.util.JsonLines;
import dev.retinaj.util.Spread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retinaj bench train}: seconds per training iteration of a config, split into data wait and compute. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Time training iterations of a config (in a temporary run directory, no evaluation): "
                + "median seconds per iteration with its range, of which waiting for data, images/s, the "
                + "process's peak RSS, page faults per iteration, the engine's thread settings and the allocator."},
        footer = {"", "Example:", "  retinaj bench train -c configs/shapes_r18_fpn_demo.yaml --iters 20"})
public final class BenchTrainCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Mixin
    BenchTiming timing = new BenchTiming(20, 3);

    @Option(names = "--profile", paramLabel = "TRACE.json",
            description = "Record the engine's op profile of the timed iterations as a Chrome trace (slows them down).")
    Path profile;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        timing.validate("bench train");
        config.overrides = overrides();
        RetinaConfig cfg = config.loadRequired();
        Path tmp = Files.createTempDirectory("retinaj-bench-train");
        try {
            ProcessStats before = ProcessStats.read();
            TrainRunner runner = new TrainRunner(cfg, new RunDirectory(tmp.resolve("run")), false);
            if (profile != null) {
                boolean cuda = !"cpu".equals(cfg.device()) && ai.djl.engine.Engine.getInstance().getGpuCount() > 0;
                runner.addHook(new ProfilerHook(timing.warmup + 1, timing.total(), profile, cuda));
            }
            try {
                runner.run();
            } catch (dev.retinaj.train.TrainingInterrupted e) {
                throw new dev.retinaj.util.Interrupted(interruptedMessage(e.getMessage()));
            }
            ProcessStats used = ProcessStats.read().since(before);
            List<JsonNode> rows = JsonLines.read(tmp.resolve("run").resolve("metrics.jsonl"));
            Spread sec = Spread.of(column(rows, "sec_per_iter"));
            Spread data = Spread.of(column(rows, "data_sec"));
            EngineThreads threads = EngineThreads.current();
            int batch = cfg.train().batchSize();
            long faultsPerIter = used.faults() / Math.max(1, timing.total());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("config", String.valueOf(config.config));
            out.put("batch", batch);
            out.put("iterations", sec.count());
            out.put("sec_per_iter", sec.median());
            out.put("min_sec_per_iter", sec.min());
            out.put("max_sec_per_iter", sec.max());
            out.put("data_wait_s", data.median());
            out.put("compute_s", sec.median() - data.median());
            out.put("images_per_s", batch / sec.median());
            out.put("peak_rss_gib", used.peakRssBytes() / (double) (1L << 30));
            out.put("page_faults_per_iter", faultsPerIter);
            out.put("intra_op_threads", threads.intraOp());
            out.put("inter_op_threads", threads.interOp());
            out.put("allocator", threads.allocator());
            if (timing.output.json) {
                System.out.println(new ObjectMapper().writeValueAsString(out));
            } else {
                System.out.printf(Locale.ROOT, "%s, batch %d: %s per iteration (data wait %.3f s, compute %.3f s), "
                        + "%.1f images/s%n", config.config, batch, sec.seconds(), data.median(),
                        sec.median() - data.median(), batch / sec.median());
                System.out.printf(Locale.ROOT, "peak RSS %s, %d page faults per iteration; engine: %s%n",
                        ProcessStats.gib(used.peakRssBytes()), faultsPerIter, threads);
            }
            return 0;
        } finally {
            FileTrees.deleteTree(tmp);
        }
    }

    /** The user's --set pairs, then --threads and what a timing run needs: no evaluation, no checkpoints. */
    List<String> overrides() {
        List<String> sets = new ArrayList<>(config.overrides);
        if (timing.threads > 0) {
            sets.add("threads=" + timing.threads);
        }
        sets.addAll(List.of("train.max_iters=" + timing.total(), "train.log_period=1", "train.eval_period=0",
                "train.checkpoint_period=0", "data.val=[]"));
        return sets;
    }

    private double[] column(List<JsonNode> rows, String key) {
        return rows.stream().filter(r -> r.has(key) && r.get("iter").asLong() > timing.warmup)
                .mapToDouble(r -> r.get(key).asDouble()).toArray();
    }

    /** The train loop's "SIGINT: stopped at iteration N with a checkpoint; resume with ..." for a benchmark, whose run is deleted. */
    static String interruptedMessage(String trainMessage) {
        int cut = trainMessage.indexOf(" with a checkpoint");
        return "bench train: " + (cut < 0 ? trainMessage : trainMessage.substring(0, cut))
                + "; its temporary run is deleted, nothing to resume";
    }
}
