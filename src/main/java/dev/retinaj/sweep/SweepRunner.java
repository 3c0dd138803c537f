package dev.retinaj.sweep;

import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.train.RunDirectory;
import dev.retinaj.train.RunResult;
import dev.retinaj.train.TrainRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every combination of a grid as an ordinary run directory under {@code out}, one after the
 * other: finished runs (with result.json) are skipped, interrupted ones resumed from their last
 * checkpoint. The summary and plots are rewritten after each run.
 */
public final class SweepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

    private final Path config;
    private final List<String> sets;
    private final List<GridSpec> axes;
    private final Path out;

    public SweepRunner(Path config, List<String> sets, List<GridSpec> axes, Path out) {
        this.config = config;
        this.sets = List.copyOf(sets);
        this.axes = List.copyOf(axes);
        this.out = out;
    }

    /** Resolves every combination's config first, so a bad value fails before any training. */
    public List<SweepSummary.Row> plan() throws IOException {
        List<SweepSummary.Row> rows = new ArrayList<>();
        for (List<String> combo : GridSpec.product(axes)) {
            List<String> all = new ArrayList<>(sets);
            all.addAll(combo);
            ConfigLoader.load(config, all);
            Path dir = out.resolve(GridSpec.runName(combo));
            rows.add(new SweepSummary.Row(GridSpec.runName(combo), combo, dir, RunResult.read(dir)));
        }
        return rows;
    }

    public List<SweepSummary.Row> run() throws IOException {
        return run(Shard.ALL);
    }

    /**
     * Trains the runs of {@code shard}. A shard of several leaves the sweep's summary to
     * {@link #summarize()}, so that nodes sharing the sweep folder do not write it at once.
     */
    public List<SweepSummary.Row> run(Shard shard) throws IOException {
        Files.createDirectories(out);
        List<SweepSummary.Row> rows = plan();
        for (int i = 0; i < rows.size(); i++) {
            SweepSummary.Row row = rows.get(i);
            if (!shard.owns(i)) {
                continue;
            }
            if (row.result() != null) {
                LOG.info("[{}/{}] {}: finished earlier, skipped", i + 1, rows.size(), row.name());
                continue;
            }
            List<String> all = new ArrayList<>(sets);
            all.addAll(row.overrides());
            RetinaConfig cfg = ConfigLoader.load(config, all);
            RunDirectory run = new RunDirectory(row.dir());
            boolean resume = run.holdsRun();
            LOG.info("[{}/{}] {}: {}", i + 1, rows.size(), row.name(), resume ? "resuming" : "starting");
            RunResult result = new TrainRunner(cfg, run, resume).run();
            rows.set(i, new SweepSummary.Row(row.name(), row.overrides(), row.dir(), result));
            if (shard.isAll()) {
                SweepSummary.write(out, axes, rows);
            }
        }
        if (shard.isAll()) {
            SweepSummary.write(out, axes, rows);
        }
        return rows;
    }

    /** Summary and plots of every run found under {@code out}, whichever shard trained it; trains nothing. */
    public List<SweepSummary.Row> summarize() throws IOException {
        List<SweepSummary.Row> rows = plan();
        SweepSummary.write(out, axes, rows);
        return rows;
    }
}
