package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.checkpoint.CheckpointStore;
import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code retinaj train} processes sent SIGINT at random iterations: each exits with 130 after a
 * checkpoint of the interrupted step, with no JVM crash, and prints how to resume; the chain of
 * resumes ends with the same weights and momentum, bit for bit, as a run never interrupted.
 * {@code -Dretinaj.interrupts=10} sends ten signals (the default, two, keeps CI short; scripts/interrupt-resume.sh runs ten).
 */
class InterruptResumeTest {
    private static final int ITERS = 12;

    @TempDir
    Path dir;

    @Test
    void sigintAtRandomMomentsThenResumeEqualsAStraightRun() throws Exception {
        List<String> sets = sets(dir, ITERS);
        Path straight = straight(dir, sets);

        int signals = Integer.getInteger("retinaj.interrupts", 2);
        long seed = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        Path run = dir.resolve("interrupted");
        int sent = 0;
        for (int attempt = 0; sent < signals && attempt < 4 * signals; attempt++) {
            boolean fresh = !Files.exists(run.resolve("config.yaml"));
            if (!fresh && Files.exists(run.resolve(RunResult.FILE))) {
                FileTreesForTest.delete(run); // finished before the signal: start the chain again
                fresh = true;
            }
            Path out = dir.resolve("p" + attempt + ".out");
            long from = lastIter(run.resolve("metrics.jsonl"));
            long at = from + 1 + rnd.nextInt(3);
            Process p = start(sets, out, fresh ? "--out" : "--resume", run.toString());
            if (at >= ITERS) { // too near the end to interrupt a step: let it finish, the chain restarts
                assertEquals(0, p.waitFor(), Files.readString(out));
                continue;
            }
            while (p.isAlive() && lastIter(run.resolve("metrics.jsonl")) < at) {
                Thread.sleep(10);
            }
            if (!p.isAlive()) {
                continue;
            }
            Thread.sleep(rnd.nextInt(400)); // somewhere inside the next step
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "no exit after SIGINT");
            String log = Files.readString(out);
            if (p.exitValue() == 0 && Files.exists(run.resolve(RunResult.FILE))) {
                continue; // the signal came during the last iteration: the run finished normally
            }
            sent++;
            String why = "signal " + sent + " (seed " + seed + "): " + log;
            assertEquals(TrainingInterrupted.EXIT_CODE, p.exitValue(), why);
            assertFalse(log.contains("SIGSEGV") || log.contains("hs_err") || log.contains("\tat "), why);
            assertTrue(log.contains("resume with: retinaj train --resume " + run), why);
            assertFalse(Files.exists(run.resolve(RunResult.FILE)), why);
            long stopped = lastIter(run.resolve("metrics.jsonl"));
            assertEquals(stopped, CheckpointStore.readMeta(new CheckpointStore(run.resolve("checkpoints"), 3)
                    .latest().orElseThrow()).iteration(), "the interrupted step has its checkpoint; " + why);
        }
        assertTrue(sent >= signals, "sent " + sent + " of " + signals + " signals");
        assertEquals(0, start(sets, dir.resolve("last.out"), "--resume", run.toString()).waitFor());
        assertNoCrashFiles();
        assertSameEnd(straight, run, ITERS, "seed " + seed);
    }

    /** A 24-image shapes set in {@code dir} and the --set options of a tiny run of {@code iters} on it, checkpointing every 5. */
    static List<String> sets(Path dir, int iters) {
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(24, 4, 96, 11, 1.0));
        return TrainEndToEndTest.tinyFor(data, "train.max_iters=" + iters, "train.checkpoint_period=5", "data.val=[]");
    }

    /** The run of {@code sets} never interrupted, in a process of its own (as the interrupted ones): its directory. */
    static Path straight(Path dir, List<String> sets) throws Exception {
        Path straight = dir.resolve("straight");
        assertEquals(0, start(sets, dir.resolve("straight.out"), "--out", straight.toString()).waitFor());
        return straight;
    }

    /** The weights and momentum of run {@code b} at iteration {@code iters} are those of run {@code a}, byte for byte. */
    static void assertSameEnd(Path a, Path b, int iters, String why) throws IOException {
        Path last = Path.of("checkpoints", CheckpointStore.dirName(iters));
        for (String f : List.of(CheckpointStore.MODEL, CheckpointStore.OPTIMIZER)) {
            assertArrayEquals(Files.readAllBytes(a.resolve(last).resolve(f)), Files.readAllBytes(b.resolve(last).resolve(f)),
                    f + " differs from the straight run's (" + why + ")");
        }
    }

    @Test
    void aSecondSigintQuitsAtOnceAndLeavesThePreviousCheckpoint() throws Exception {
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(8, 2, 96, 11, 1.0));
        // steps of a second or so at 320 px: the second signal must land while the first one's step still runs
        List<String> sets = TrainEndToEndTest.tinyFor(data, "train.max_iters=50", "train.checkpoint_period=2",
                "data.val=[]", "data.min_size=[320]", "data.max_size=320");
        Path run = dir.resolve("twice");
        Path out = dir.resolve("twice.out");
        Process p = start(sets, out, "--out", run.toString());
        while (p.isAlive() && lastIter(run.resolve("metrics.jsonl")) < 3) {
            Thread.sleep(10);
        }
        CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"), 3);
        Path previous = store.latest().orElseThrow();
        Map<String, byte[]> before = contents(previous);
        // the first signal asks the loop to checkpoint the step it is in; the second comes during that
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        // two signals close together can merge into one pending signal: send the second once the first is seen
        long seen = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (p.isAlive() && !Files.readString(out).contains("finishing this step") && System.nanoTime() < seen) {
            Thread.sleep(5);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        long t0 = System.nanoTime();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - t0) / 1e9;
        String log = Files.readString(out);
        assertEquals(130, p.exitValue(), log);
        assertTrue(log.contains("second SIGINT: stopping at once"), log);
        assertFalse(log.contains("SIGSEGV"), log);
        assertTrue(seconds < 2, "exit " + seconds + " s after the second signal");
        // the checkpoint from before the signals is byte for byte what it was, and the store's latest
        // (it or one written since) is whole: a half-written one stays a .tmp that is never read
        assertTrue(Files.isDirectory(previous), previous + " is gone");
        Map<String, byte[]> after = contents(previous);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((f, bytes) -> assertArrayEquals(bytes, after.get(f), f + " of " + previous + " changed"));
        Path latest = store.latest().orElseThrow();
        assertTrue(CheckpointStore.readMeta(latest).iteration() >= CheckpointStore.readMeta(previous).iteration());
        assertTrue(Files.size(latest.resolve(CheckpointStore.MODEL)) >= Files.size(previous.resolve(CheckpointStore.MODEL)));
        assertTrue(Files.size(latest.resolve(CheckpointStore.OPTIMIZER)) > 0);
    }

    /** File name → bytes of a checkpoint folder. */
    private static Map<String, byte[]> contents(Path checkpoint) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(checkpoint)) {
            for (Path f : s.toList()) {
                m.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return m;
    }

    private void assertNoCrashFiles() throws IOException {
        for (Path d : List.of(dir, Path.of("."))) {
            try (Stream<Path> s = Files.walk(d, 2)) {
                assertFalse(s.anyMatch(f -> f.getFileName().toString().startsWith("hs_err_pid")), "hs_err file in " + d);
            }
        }
    }

    private static long lastIter(Path metrics) throws IOException {
        return KillResumeTest.lastIter(metrics);
    }

    /** Starts {@code retinaj train} with its output (stdout and stderr) in {@code output}. */
    static Process start(List<String> sets, Path output, String... extra) throws IOException {
        return new ProcessBuilder(KillResumeTest.command(sets, extra)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
    }

    /** Deletes a run directory between attempts. */
    private static final class FileTreesForTest {
        static void delete(Path p) throws IOException {
            dev.retinaj.util.FileTrees.deleteTree(p);
        }
    }
}
