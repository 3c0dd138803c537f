package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.checkpoint.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what a scheduler or {@code kill} sends) to a real {@code retinaj train} process is handled
 * as Ctrl-C is: exit 130, the step checkpointed, the resume line; the resume ends bit-identical to a
 * run never stopped.
 */
class SigtermResumeTest {
    private static final int ITERS = 10;

    @TempDir
    Path dir;

    @Test
    void sigtermCheckpointsExits130AndTheResumeEqualsAStraightRun() throws Exception {
        List<String> sets = InterruptResumeTest.sets(dir, ITERS);
        Path straight = InterruptResumeTest.straight(dir, sets);

        Path run = dir.resolve("stopped");
        Path out = dir.resolve("stopped.out");
        Process p = InterruptResumeTest.start(sets, out, "--out", run.toString());
        while (p.isAlive() && KillResumeTest.lastIter(run.resolve("metrics.jsonl")) < 2) {
            Thread.sleep(10);
        }
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "no exit after SIGTERM");
        String log = Files.readString(out);
        assertEquals(TrainingInterrupted.EXIT_CODE, p.exitValue(), log);
        assertFalse(log.contains("SIGSEGV") || log.contains("hs_err") || log.contains("\tat "), log);
        long stopped = KillResumeTest.lastIter(run.resolve("metrics.jsonl"));
        assertTrue(stopped >= 2 && stopped < ITERS, "stopped at " + stopped);
        List<String> ours = log.lines().filter(l -> l.startsWith("retinaj: ")).toList();
        assertEquals("retinaj: SIGTERM: stopped at iteration " + stopped + " with a checkpoint; resume with: retinaj train "
                + "--resume " + run, ours.get(ours.size() - 1), log);
        assertEquals(stopped, CheckpointStore.readMeta(new CheckpointStore(run.resolve("checkpoints"), 3).latest()
                .orElseThrow()).iteration(), "the stopped step's checkpoint");
        assertFalse(Files.exists(run.resolve(RunResult.FILE)));

        assertEquals(0, InterruptResumeTest.start(sets, dir.resolve("resume.out"), "--resume", run.toString()).waitFor());
        InterruptResumeTest.assertSameEnd(straight, run, ITERS, "SIGTERM at iteration " + stopped);
    }
}
