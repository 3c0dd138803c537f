package dev.retinaj.cli;

import dev.retinaj.util.OutputFolder;
import dev.retinaj.util.UsageException;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.train.RunDirectory;
import dev.retinaj.train.TrainRunner;
import dev.retinaj.util.FileTrees;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code retinaj train}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a detector. Writes config.yaml, metrics.jsonl, checkpoints/, train.log, curves.png and "
                + "eval/ into the run directory (default runs/<config name>, or runs/<config name>_2 ... if taken).",
            "A run stopped at any moment (even kill -9) continues with --resume and ends with the same weights."},
        footer = {"", "Example:", "  retinaj train -c configs/shapes_r18_fpn_demo.yaml",
            "  retinaj train -c configs/shapes_r18_fpn_demo.yaml --set train.max_iters=3000 --out runs/longer",
            "  retinaj train --resume runs/longer"})
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run directory of a new run.")
    Path out;

    @Option(names = "--resume", arity = "0..1", paramLabel = "RUN_DIR", fallbackValue = "",
            description = "Continue a run from its latest checkpoint: RUN_DIR, or --out, or the newest run of -c's config.")
    String resume;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        boolean resuming = resume != null;
        RunDirectory run;
        RetinaConfig cfg;
        if (resuming) {
            Path dir = !resume.isEmpty() ? Path.of(resume) : out;
            if (dir == null) {
                if (config.config == null) {
                    throw new UsageException("--resume needs RUN_DIR, --out or -c CONFIG");
                }
                run = RunDirectory.latestOf(FileTrees.stem(config.config));
            } else {
                run = new RunDirectory(dir);
            }
            if (!run.holdsRun()) {
                throw new UsageException(run.root() + ": no run to resume (no config.yaml)");
            }
            cfg = config.config == null && config.overrides.isEmpty()
                    ? ConfigLoader.load(run.config(), java.util.List.of()) : config.loadRequired();
        } else {
            if (out != null) {
                OutputFolder.check("--out", out, false);
            }
            cfg = config.loadRequired();
            run = RunDirectory.forNewRun(out, FileTrees.stem(config.config));
        }
        new TrainRunner(cfg, run, resuming).run();
        return 0;
    }
}
