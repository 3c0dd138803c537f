package dev.retinaj.fuzz;

import dev.retinaj.Locks;
import dev.retinaj.cli.CliRunner;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the train, predict, disk and interrupt families share: a small shapes set (8 train, 2 val
 * images of 96 px, COCO), copies of it to break, the command line of a CPU-second-sized run of the
 * demo config on it, one finished run to predict with, and {@link Locks} to make a folder unwritable.
 */
final class FuzzRuns {
    static final String CONFIG = "configs/shapes_r18_fpn_demo.yaml";
    private final FuzzWorkspace ws;
    private Path shapes;
    private Path trained;

    FuzzRuns(FuzzWorkspace ws) {
        this.ws = ws;
    }

    /** The unbroken set, generated once. */
    Path shapes() {
        if (shapes == null) {
            shapes = ws.dir().resolve("shapes");
            ShapesGenerator.generate(shapes, new ShapesParams(8, 2, 96, 7, 1.0));
        }
        return shapes;
    }

    /** A copy of the set at {@code dir/data}, to break. */
    Path copy(Path dir) {
        return copyTree(shapes(), dir.resolve("data"));
    }

    static Path copyTree(Path from, Path to) {
        try {
            return dev.retinaj.TestFiles.copyTree(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The --set options of a tiny run on the set at {@code root}, then {@code extra}. */
    static List<String> sets(Path root, String... extra) {
        List<String> s = new ArrayList<>(List.of("data.root=" + root, "data.min_size=[96]", "data.max_size=96",
                "test.min_size=96", "test.max_size=96", "data.workers=1", "seed=3", "threads=1",
                "model.backbone.width=0.25", "model.fpn.channels=16", "model.head.channels=16", "model.head.num_convs=1",
                "model.anchors.sizes=[16,32,64,128,256]", "train.batch_size=4", "train.max_iters=1", "train.lr=0.01",
                "train.warmup.iters=1", "train.checkpoint_period=1", "train.eval_period=0", "train.log_period=1",
                "data.shapes.generate=false", "data.val=[]"));
        s.addAll(List.of(extra));
        return s;
    }

    /** {@code train -c CONFIG --out OUT --set ...} of a tiny run on {@code root}. */
    static List<String> train(Path root, Path out, String... extra) {
        return withSets(new ArrayList<>(List.of("train", "-c", CONFIG, "--out", out.toString())), sets(root, extra));
    }

    static List<String> withSets(List<String> args, List<String> sets) {
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return args;
    }

    /** A finished two-iteration run on the unbroken set (its checkpoints and config.yaml). */
    Path trained() {
        if (trained == null) {
            Path run = ws.dir().resolve("run");
            CliRunner.Result r = CliRunner.run(train(shapes(), run, "train.max_iters=2").toArray(String[]::new));
            if (r.code() != 0) {
                throw new IllegalStateException("the fuzz suite's base run failed: " + r.err());
            }
            trained = run;
        }
        return trained;
    }

    /** Runs {@code action} with {@code paths} locked, unlocking them afterwards (the temp folder must stay deletable). */
    CliRunner.Result locked(List<Path> paths, Supplier<CliRunner.Result> action) {
        try {
            for (Path p : paths) {
                if (!Locks.lock(p)) {
                    throw new IllegalStateException("cannot lock " + p);
                }
            }
            return action.get();
        } finally {
            paths.forEach(Locks::unlock);
        }
    }
}
