package dev.retinaj.fuzz;

import dev.retinaj.Locks;
import dev.retinaj.cli.CliRunner;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.fuzz.FuzzCase.Kind;
import dev.retinaj.train.RunDirectory;
import dev.retinaj.train.TrainHook;
import dev.retinaj.train.TrainRunner;
import dev.retinaj.train.TrainState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Disks and permissions: train --out into an unwritable folder, --resume of a run whose folder,
 * checkpoints/ or appended files cannot be written, predict --out into an unwritable folder, an
 * existing file as --out or eval --plots, a curves.png that cannot be written (the run must finish with a
 * WARN line), and a disk that is full at a checkpoint (free space injected into the
 * checkpoint store, as DiskFaultsTest does). Each must be one line at start (or at the checkpoint,
 * for the full disk) and leave no checkpoint .tmp behind.
 */
final class FuzzDiskCases {
    private static final Family FAMILY = Family.DISK_PERMISSIONS;
    private final FuzzWorkspace ws;
    private final FuzzRuns runs;
    final List<FuzzCase> cases = new ArrayList<>();
    /** Why the unwritable-folder cases did not run, or null. */
    String skipped;

    FuzzDiskCases(FuzzWorkspace ws, FuzzRuns runs) {
        this.ws = ws;
        this.runs = runs;
    }

    List<FuzzCase> all() {
        if (Locks.available()) {
            lockedOut();
            for (String part : List.of("", "checkpoints", "train.log", "metrics.jsonl")) {
                lockedResume(part);
            }
            lockedPredictOut();
        } else {
            skipped = "unwritable-folder cases left out: neither permissions nor chattr +i make a folder unwritable here";
        }
        Path file = FuzzSets.write(ws.dir().resolve("file"), "x\n");
        cases.add(disk("train --out an existing file", "--out", FuzzRuns.train(runs.shapes(), file), file));
        Path under = file.resolve("run");
        cases.add(disk("train --out under a file", under.toString(), FuzzRuns.train(runs.shapes(), under), under));
        cases.add(disk("predict --out an existing file", "--out", predict(file), file));
        Path d = ws.dir();
        cases.add(disk("eval --plots an existing file", "--plots " + file, List.of("eval", "--gt",
                FuzzSets.write(d.resolve("gt.json"), FuzzConfigCases.GT).toString(), "--detections",
                FuzzSets.write(d.resolve("dt.json"), FuzzConfigCases.DT).toString(), "--plots", file.toString()), file));
        fullDisk(1);
        fullDisk(2);
        plotBlocked("curves.png a non-empty folder", png -> FuzzSets.write(png.resolve("in-the-way"), "x"));
        if (Locks.available()) {
            checkpointsLockedMidRun();
        }
        if (Locks.immutable()) {
            plotBlocked("curves.png immutable", png -> {
                if (!Locks.lock(FuzzSets.write(png, "old plot"))) {
                    throw new IllegalStateException("cannot lock " + png);
                }
            });
        }
        return cases;
    }

    /** A training run whose curves.png {@code block} made unwritable before it started: it must finish, warning. */
    private void plotBlocked(String name, Consumer<Path> block) {
        Path out = ws.dir().resolve("run");
        Path png = new RunDirectory(out).curves();
        List<String> sets = FuzzRuns.sets(runs.shapes(), "train.max_iters=2");
        cases.add(FuzzCase.run(FAMILY, name, Kind.PLOT_WARN, List.of(), out, 0, png.toString()).by(() -> {
            try {
                block.accept(png);
                return train(out, sets);
            } finally {
                Locks.unlock(png);
            }
        }));
    }

    /** The tiny run of {@code sets} into {@code out}, in-process with {@code hooks}: exit 0, or the CLI's message. */
    private static CliRunner.Result train(Path out, List<String> sets, TrainHook... hooks) {
        try {
            TrainRunner r = new TrainRunner(ConfigLoader.load(Path.of(FuzzRuns.CONFIG), sets), new RunDirectory(out), false);
            for (TrainHook h : hooks) {
                r.addHook(h);
            }
            r.run();
            return new CliRunner.Result(0, "finished", "");
        } catch (Exception e) {
            return CliRunner.failure(e);
        }
    }

    private static FuzzCase disk(String name, String named, List<String> args, Path out) {
        return FuzzCase.run(FAMILY, name, Kind.DISK, args, out, 0, named);
    }

    private void lockedOut() {
        Path parent = ws.dir().resolve("ro");
        mkdirs(parent);
        Path out = parent.resolve("run");
        List<String> args = FuzzRuns.train(runs.shapes(), out);
        cases.add(disk("train --out into an unwritable folder", out.toString(), args, out)
                .by(() -> runs.locked(List.of(parent), () -> CliRunner.run(args.toArray(String[]::new)))));
    }

    /** --resume of a copy of the finished run (result.json removed) with {@code part} of it unwritable. */
    private void lockedResume(String part) {
        Path run = FuzzRuns.copyTree(runs.trained(), ws.dir().resolve("run"));
        try {
            Files.delete(run.resolve("result.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path locked = part.isEmpty() ? run : run.resolve(part);
        String[] args = {"train", "--resume", run.toString()};
        cases.add(disk("train --resume, unwritable " + (part.isEmpty() ? "run directory" : part), locked.toString(),
                List.of(args), run).by(() -> runs.locked(List.of(locked), () -> CliRunner.run(args))));
    }

    private void lockedPredictOut() {
        Path parent = ws.dir().resolve("ro");
        mkdirs(parent);
        Path out = parent.resolve("out");
        List<String> args = predict(out);
        cases.add(disk("predict --out into an unwritable folder", out.toString(), args, out)
                .by(() -> runs.locked(List.of(parent), () -> CliRunner.run(args.toArray(String[]::new)))));
    }

    private List<String> predict(Path out) {
        return List.of("predict", runs.trained().toString(), "--input", runs.shapes().resolve("val").toString(),
                "--out", out.toString());
    }

    /** A training run whose disk is "full" (1 KB free) from its {@code n}-th checkpoint on. */
    private void fullDisk(int n) {
        Path out = ws.dir().resolve("run");
        List<String> sets = FuzzRuns.sets(runs.shapes(), "train.max_iters=3");
        FuzzCase c = disk("disk full at checkpoint " + n, out.resolve("checkpoints").toString(), List.of(), out);
        cases.add(c.by(() -> train(out, sets, fullFrom(n))));
    }

    /** checkpoints/ made unwritable after the first checkpoint: the second write fails for real (not injected). */
    private void checkpointsLockedMidRun() {
        Path out = ws.dir().resolve("run");
        Path ckpts = out.resolve("checkpoints");
        List<String> sets = FuzzRuns.sets(runs.shapes(), "train.max_iters=3");
        TrainHook lockAt2 = new TrainHook() {
            @Override
            public void beforeStep(TrainState s) {
                if (s.iteration() == 2 && !Locks.lock(ckpts)) {
                    throw new IllegalStateException("cannot lock " + ckpts);
                }
            }
        };
        FuzzCase c = disk("checkpoints/ unwritable mid-run", ckpts.toString(), List.of(), out);
        cases.add(c.by(() -> {
            try {
                return train(out, sets, lockAt2);
            } finally {
                Locks.unlock(ckpts);
            }
        }));
    }

    private static TrainHook fullFrom(int n) {
        return new TrainHook() {
            @Override
            public void beforeTrain(TrainState s) {
                AtomicInteger calls = new AtomicInteger();
                s.checkpoints().freeSpace(d -> calls.incrementAndGet() >= n ? 1024 : Long.MAX_VALUE);
            }
        };
    }

    private static void mkdirs(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
