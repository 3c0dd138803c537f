package dev.retinaj.cli;

import dev.retinaj.util.FileTrees;
import dev.retinaj.util.OutputFolder;
import dev.retinaj.sweep.GridSpec;
import dev.retinaj.sweep.Shard;
import dev.retinaj.sweep.SweepRunner;
import dev.retinaj.sweep.SweepSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retinaj sweep}. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Train every combination of --grid values (one run directory each, one after the other), then "
                + "write summary.md, summary.csv, AP-against-key plots and overlaid loss curves.",
            "Re-running the same command skips finished runs and resumes interrupted ones.",
            "On several nodes: --shard i/n on node i (0..n-1) trains every n-th run; then --summary gathers them."},
        footer = {"", "Example:",
            "  retinaj sweep -c configs/experiments/focal_gamma_alpha.yaml --grid loss.cls.gamma=0,1,2 "
                + "--grid loss.cls.alpha=0.25,0.5 --out runs/sweep_gamma_alpha"})
public final class SweepCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--grid", required = true, paramLabel = "K=V1,V2,...",
            description = "A key and its values (repeatable; the runs are the product).")
    List<String> grids = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Sweep folder (default: runs/sweep_<config name>).")
    Path out;

    @Option(names = "--shard", paramLabel = "i/n",
            description = "Train only runs whose grid index modulo n is i (one node of n); see --summary.")
    String shard;

    @Option(names = "--summary", description = "Train nothing: summarise the runs of --out, from every shard.")
    boolean summary;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        config.loadRequired();
        List<GridSpec> axes = grids.stream().map(GridSpec::parse).toList();
        Path dir = out != null ? out : Path.of("runs", "sweep_" + FileTrees.stem(config.config));
        OutputFolder.check("--out", dir, false);
        SweepRunner runner = new SweepRunner(config.config, config.overrides, axes, dir);
        Shard part = shard == null ? Shard.ALL : Shard.parse(shard);
        List<SweepSummary.Row> rows = summary ? runner.summarize() : runner.run(part);
        if (!part.isAll() && !summary) {
            long mine = rows.stream().filter(r -> r.result() != null).count();
            System.out.println("shard " + shard + " done; " + mine + " of " + rows.size()
                    + " runs finished so far; gather them with the same command and --summary instead of --shard");
            return 0;
        }
        System.out.println(Files.readString(dir.resolve("summary.md")));
        System.out.println(rows.size() + " runs; summary, plots and runs in " + dir);
        return 0;
    }
}
