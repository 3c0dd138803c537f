package dev.retinaj.fuzz;

import dev.retinaj.cli.CliRunner;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the train, predict, disk and interrupt families share: a small shapes set (8 train, 2 val
 * images of 96 px, COCO), copies of it to break, the command line of a CPU-second-sized run of the
 * demo config on it, one finished run to predict with, and a way to make a folder unwritable that
 * holds for root too (read-only where permissions bind; else chattr +i).
 */
final class FuzzRuns {
    static final String CONFIG = "configs/shapes_r18_fpn_demo.yaml";
    private final FuzzWorkspace ws;
    private Path shapes;
    private Path trained;
    private Lock lock;

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

    /** Whether {@link #lock} makes a folder unwritable here (as root only chattr +i does, on ext2/3/4-like file systems). */
    boolean canLock() {
        return how() != Lock.NONE;
    }

    /** Makes {@code p} unwritable (read-only, or immutable where permissions do not bind, as for root). */
    boolean lock(Path p) {
        return apply(how(), p, true);
    }

    void unlock(Path p) {
        apply(how(), p, false);
    }

    /** Runs {@code action} with {@code paths} locked, unlocking them afterwards (the temp folder must stay deletable). */
    CliRunner.Result locked(List<Path> paths, Supplier<CliRunner.Result> action) {
        try {
            for (Path p : paths) {
                if (!lock(p)) {
                    throw new IllegalStateException("cannot lock " + p);
                }
            }
            return action.get();
        } finally {
            paths.forEach(this::unlock);
        }
    }

    private enum Lock { CHMOD, CHATTR, NONE }

    /** The first way that makes a probe folder unwritable here. */
    private Lock how() {
        if (lock == null) {
            lock = Lock.NONE;
            Path probe = ws.dir().resolve("lock-probe");
            for (Lock l : List.of(Lock.CHMOD, Lock.CHATTR)) {
                try {
                    Files.createDirectories(probe);
                    boolean works = apply(l, probe, true) && !canCreate(probe.resolve("x"));
                    apply(l, probe, false);
                    if (works) {
                        lock = l;
                        break;
                    }
                } catch (IOException e) {
                    // try the next way
                }
            }
        }
        return lock;
    }

    private static boolean canCreate(Path f) {
        try {
            Files.createFile(f);
            Files.delete(f);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean apply(Lock how, Path p, boolean on) {
        if (how == Lock.CHATTR) {
            return dev.retinaj.TestFiles.chattr(on ? "+i" : "-i", p);
        }
        if (how == Lock.NONE) {
            return false;
        }
        String dir = on ? "r-xr-xr-x" : "rwxr-xr-x";
        String file = on ? "r--r--r--" : "rw-r--r--";
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? dir : file));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
