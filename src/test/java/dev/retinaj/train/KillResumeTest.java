package dev.retinaj.train;

import dev.retinaj.checkpoint.CheckpointStore;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code retinaj train} process killed with SIGKILL at a random moment and resumed ends with
 * the same weights, bit for bit, as a run that was never interrupted (with train.ema on, its EMA too).
 */
class KillResumeTest {
    @TempDir
    Path dir;

    @Test
    void sigkillAtARandomMomentThenResumeEqualsAStraightRun() throws Exception {
        Path data = dir.resolve("shapes");
        ShapesGenerator.generate(data, new ShapesParams(24, 4, 96, 11, 1.0));
        List<String> sets = new ArrayList<>(TrainEndToEndTest.tinyFor(data, "train.max_iters=10", "train.checkpoint_period=2",
                "data.val=[]", "train.ema.decay=0.9", "train.ema.tau=2")); // EMA on: it must resume exactly too
        // the straight run in a process of its own too: the test JVM's engine may already run with other thread
        // counts, and float sums differ with them
        RunDirectory straight = new RunDirectory(dir.resolve("straight"));
        assertEquals(0, start(sets, "--out", straight.root().toString()).waitFor(), "straight run failed");

        Path killed = dir.resolve("killed");
        long seed = System.nanoTime();
        int killAt = 3 + new SplittableRandom(seed).nextInt(6);
        Process p = start(sets, "--out", killed.toString());
        Path metrics = killed.resolve("metrics.jsonl");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (p.isAlive() && lastIter(metrics) < killAt && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        p.destroyForcibly().waitFor();
        assertTrue(lastIter(metrics) < 10 && !Files.exists(killed.resolve(RunResult.FILE)),
                "the run finished before it could be killed");
        Process r = start(sets, "--resume", killed.toString());
        assertEquals(0, r.waitFor(), "resume failed (kill at iteration " + killAt + ", seed " + seed + ")");

        byte[] a = Files.readAllBytes(straight.checkpoints().resolve("ckpt_0000010").resolve(CheckpointStore.MODEL));
        byte[] b = Files.readAllBytes(killed.resolve("checkpoints").resolve("ckpt_0000010").resolve(CheckpointStore.MODEL));
        assertArrayEquals(a, b, "weights differ after a kill at iteration ~" + killAt);
        byte[] emaA = Files.readAllBytes(straight.checkpoints().resolve("ckpt_0000010").resolve(CheckpointStore.EMA));
        byte[] emaB = Files.readAllBytes(killed.resolve("checkpoints").resolve("ckpt_0000010").resolve(CheckpointStore.EMA));
        assertArrayEquals(emaA, emaB, "EMA weights differ after a kill at iteration ~" + killAt);
        assertTrue(Files.isRegularFile(killed.resolve(RunResult.FILE)));
    }

    static long lastIter(Path metrics) throws IOException {
        if (!Files.exists(metrics)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(metrics);
        for (int i = lines.size() - 1; i >= 0; i--) {
            int at = lines.get(i).indexOf("\"iter\":");
            if (at >= 0) {
                int end = at + 7;
                while (end < lines.get(i).length() && Character.isDigit(lines.get(i).charAt(end))) {
                    end++;
                }
                return Long.parseLong(lines.get(i).substring(at + 7, end));
            }
        }
        return 0;
    }

    private static Process start(List<String> sets, String... extra) throws IOException {
        return new ProcessBuilder(command(sets, extra)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The java command line of {@code retinaj train} with {@code sets} as --set options. */
    static List<String> command(List<String> sets, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "-c", "configs/shapes_r18_fpn_demo.yaml"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        args.addAll(List.of(extra));
        return retinaj(List.of(), args);
    }

    /** The java command line of {@code retinaj ARGS}, with further JVM options. */
    static List<String> retinaj(List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Xmx1g"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.retinaj.cli.Main"));
        cmd.addAll(args);
        return cmd;
    }
}
