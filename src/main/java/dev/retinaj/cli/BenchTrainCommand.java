package dev.retinaj.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.train.MetricsLog;
import dev.retinaj.train.RunDirectory;
import dev.retinaj.train.TrainRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
                + "median seconds per iteration, of which waiting for data, and images/s."},
        footer = {"", "Example:", "  retinaj bench train -c configs/shapes_r18_fpn_demo.yaml --iters 20"})
public final class BenchTrainCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--iters", defaultValue = "20", description = "Timed iterations (default: ${DEFAULT-VALUE}).")
    int iters;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed first iterations (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", description = "Print the figures as JSON.")
    boolean json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        List<String> sets = new ArrayList<>(config.overrides);
        sets.addAll(List.of("train.max_iters=" + (warmup + iters), "train.log_period=1", "train.eval_period=0",
                "train.checkpoint_period=0", "data.val=[]"));
        config.overrides = sets;
        RetinaConfig cfg = config.loadRequired();
        Path tmp = Files.createTempDirectory("retinaj-bench-train");
        try {
            new TrainRunner(cfg, new RunDirectory(tmp.resolve("run")), false).run();
            List<JsonNode> rows = MetricsLog.read(tmp.resolve("run").resolve("metrics.jsonl"));
            double[] sec = rows.stream().filter(r -> r.get("iter").asLong() > warmup)
                    .mapToDouble(r -> r.get("sec_per_iter").asDouble()).toArray();
            double[] data = rows.stream().filter(r -> r.get("iter").asLong() > warmup)
                    .mapToDouble(r -> r.get("data_sec").asDouble()).toArray();
            double s = median(sec);
            double d = median(data);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("config", String.valueOf(config.config));
            out.put("batch", cfg.train().batchSize());
            out.put("iterations", sec.length);
            out.put("sec_per_iter", s);
            out.put("data_wait_s", d);
            out.put("compute_s", s - d);
            out.put("images_per_s", cfg.train().batchSize() / s);
            if (json) {
                System.out.println(new ObjectMapper().writeValueAsString(out));
            } else {
                System.out.printf(Locale.ROOT, "%s, batch %d: %.3f s/iter (data wait %.3f s, compute %.3f s), "
                        + "%.1f images/s, median of %d iterations%n", config.config, cfg.train().batchSize(), s, d,
                        s - d, cfg.train().batchSize() / s, sec.length);
            }
            return 0;
        } finally {
            try (var w = Files.walk(tmp)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length == 0 ? Double.NaN : c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
