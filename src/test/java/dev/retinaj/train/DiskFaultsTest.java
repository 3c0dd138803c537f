package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retinaj.checkpoint.CheckpointStore;
import dev.retinaj.cli.CliRunner;
import dev.retinaj.config.ConfigLoader;
import dev.retinaj.config.RetinaConfig;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import dev.retinaj.util.BadFileException;
import dev.retinaj.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk (injected free space), an immutable run directory and an unwritable plot, in-process. */
class DiskFaultsTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void makeData() {
        data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(8, 2, 96, 7, 1.0));
    }

    static List<String> sets(String... extra) {
        List<String> s = new ArrayList<>(TrainEndToEndTest.tinyFor(data, "train.max_iters=8", "train.checkpoint_period=3",
                "data.val=[]"));
        s.addAll(List.of(extra));
        return s;
    }

    static RetinaConfig cfg() {
        return ConfigLoader.load(Path.of("configs/shapes_r18_fpn_demo.yaml"), sets());
    }

    /** Test hook: the disk is "full" (1 KB free) from the {@code n}-th checkpoint on. */
    static final class FullDiskFrom implements TrainHook {
        private final int n;

        FullDiskFrom(int n) {
            this.n = n;
        }

        @Override
        public void beforeTrain(TrainState s) {
            AtomicInteger calls = new AtomicInteger();
            s.checkpoints().freeSpace(d -> calls.incrementAndGet() >= n ? 1024 : Long.MAX_VALUE);
        }
    }

    @Test
    void aFullDiskFailsInOneLineKeepsThePreviousCheckpointAndAResumedCopyIsExact() throws IOException {
        RunDirectory straight = new RunDirectory(dir.resolve("straight"));
        new TrainRunner(cfg(), straight, false).run();

        RunDirectory full = new RunDirectory(dir.resolve("full"));
        BadFileException e = assertThrows(BadFileException.class,
                () -> new TrainRunner(cfg(), full, false).addHook(new FullDiskFrom(2)).run());
        String msg = e.getMessage();
        assertTrue(msg.startsWith(full.checkpoints() + ": not enough free space for a checkpoint: needs "), msg);
        assertTrue(msg.contains("0.0 MB free") && msg.endsWith("the previous checkpoint ckpt_0000003 is intact"), msg);
        assertFalse(msg.contains("\n"), msg);
        assertEquals(List.of("ckpt_0000003"), names(full.checkpoints()));
        // the thread count that orders float sums is recorded for the resume to check (threads=1 in tinyFor)
        assertEquals(1, CheckpointStore.readMeta(full.checkpoints().resolve("ckpt_0000003")).intraOpThreads());

        // the copy on a "larger disk" resumes from iteration 3 and ends where the straight run ended
        Path copy = dir.resolve("copy");
        copyTree(full.root(), copy);
        new TrainRunner(cfg(), new RunDirectory(copy), true).run();
        assertArrayEquals(Files.readAllBytes(model(straight.root())), Files.readAllBytes(model(copy)));
        assertArrayEquals(Files.readAllBytes(straight.checkpoints().resolve("ckpt_0000008").resolve(CheckpointStore.OPTIMIZER)),
                Files.readAllBytes(copy.resolve("checkpoints/ckpt_0000008").resolve(CheckpointStore.OPTIMIZER)));
    }

    @Test
    void aPlotThatCannotBeWrittenIsOneWarnLine() throws IOException {
        RunDirectory run = new RunDirectory(dir.resolve("noplot"));
        Files.createDirectories(run.curves().resolve("in-the-way")); // a non-empty folder where curves.png goes
        RunResult r = new TrainRunner(cfg(), run, false).run();
        assertEquals(8, r.iterations());
        String log = Files.readString(run.log());
        List<String> warns = log.lines().filter(l -> l.contains("cannot write the curves")).toList();
        assertEquals(3, warns.size(), log); // after the checkpoints of iterations 3, 6 and 8
        assertTrue(warns.get(0).contains(" WARN ") && warns.get(0).contains(run.curves().toString()), warns.get(0));
        assertFalse(log.contains("\tat "), "a stack trace in train.log");
        assertFalse(Files.exists(run.root().resolve("curves.png.tmp")));
    }

    @Test
    void anImmutableRunDirectoryFailsAtStartInOneLine() throws Exception {
        Path run = dir.resolve("immutable");
        List<String> args = new ArrayList<>(List.of("train", "-c", "configs/shapes_r18_fpn_demo.yaml", "--out",
                run.toString()));
        for (String s : sets("train.max_iters=3")) {
            args.add("--set");
            args.add(s);
        }
        assertEquals(0, CliRunner.run(args.toArray(String[]::new)).code());
        assumeTrue(dev.retinaj.TestFiles.chattr("+i", run), "chattr +i is not available here");
        try {
            CliRunner.Result r = CliRunner.run("train", "--resume", run.toString());
            assertEquals(1, r.code(), r.err());
            String err = r.err().strip();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.contains(run.toString()) && err.contains("cannot be written"), err);
            assertFalse(err.contains("Exception") || err.contains("ManagerFactory"), err);
        } finally {
            dev.retinaj.TestFiles.chattr("-i", run);
        }
    }

    static Path model(Path run) {
        return run.resolve("checkpoints/ckpt_0000008").resolve(CheckpointStore.MODEL);
    }

    static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".json")).sorted().toList();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        FileTrees.deleteTree(to);
        dev.retinaj.TestFiles.copyTree(from, to);
    }
}
