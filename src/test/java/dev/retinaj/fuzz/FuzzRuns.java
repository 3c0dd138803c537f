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
import java.util.stream.Stream;

/**
 * What the train, predict, disk and interrupt families share: a small shapes set (8 train, 2 val
 * images of 96 px, COCO), copies of it to break, the command line of a CPU-second-sized run of the
 * demo config on it, one finished run to predict with, and a way to make a folder unwritable that
 * holds for root too (chattr +i; chmod for other users).
 */
final class FuzzRuns {
    static final String CONFIG = "configs/shapes_r18_fpn_demo.yaml";
    private final FuzzWorkspace ws;
    private Path shapes;
    private Path trained;
    private Boolean canLock;

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
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
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

    /** Whether {@link #lock} makes a folder unwritable here (chattr needs ext2/3/4-like file systems). */
    boolean canLock() {
        if (canLock == null) {
            Path probe = ws.dir().resolve("lock-probe");
            try {
                Files.createDirectories(probe);
                canLock = lock(probe);
                if (canLock) {
                    try {
                        Files.createFile(probe.resolve("x"));
                        canLock = false;
                    } catch (IOException expected) {
                        // unwritable, as wanted
                    }
                }
                unlock(probe);
            } catch (IOException e) {
                canLock = false;
            }
        }
        return canLock;
    }

    /** Makes {@code p} unwritable: immutable as root (root ignores permissions), read-only otherwise. */
    static boolean lock(Path p) {
        if (isRoot()) {
            return chattr("+i", p);
        }
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static void unlock(Path p) {
        if (isRoot()) {
            chattr("-i", p);
            return;
        }
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (IOException | UnsupportedOperationException e) {
            // nothing more to do
        }
    }

    /** Runs {@code action} with {@code paths} locked, unlocking them afterwards (the temp folder must stay deletable). */
    static CliRunner.Result locked(List<Path> paths, java.util.function.Supplier<CliRunner.Result> action) {
        try {
            for (Path p : paths) {
                if (!lock(p)) {
                    throw new IllegalStateException("cannot lock " + p);
                }
            }
            return action.get();
        } finally {
            paths.forEach(FuzzRuns::unlock);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean chattr(String flag, Path p) {
        try {
            Process c = new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true).start();
            c.getInputStream().readAllBytes();
            return c.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
