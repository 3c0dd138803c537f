package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.data.ShapesGenerator;
import dev.retinaj.data.ShapesParams;
import dev.retinaj.util.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code retinaj train} processes sent SIGINT before the training loop (engine start, data
 * loading, model set-up), and {@code retinaj eval} ones while parsing and starting: each exits with
 * 130 after one line naming what was interrupted and what can be resumed, with no stack trace and no
 * JVM crash banner.
 */
class StartupInterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigintBeforeTheLoopIsOneLineAndExit130() throws Exception {
        List<String> sets = sets(50);
        Path run = dir.resolve("fresh");
        // when the run directory is logged the engine is starting; once it is logged, data and model follow
        String line = interruptAfter(sets, "run directory", dir.resolve("a.out"), "--out", run.toString());
        assertEquals("retinaj: SIGINT: interrupted while starting the engine; nothing to resume", line);
        FileTrees.deleteTree(run);
        line = interruptAfter(sets, "INFO  engine ", dir.resolve("b.out"), "--out", run.toString());
        // the data-set readers name the file they are reading
        assertTrue(line.matches("retinaj: SIGINT: interrupted while (loading data|reading \\S+|checking the images of \\S+"
                + "|building the model); nothing to resume"), line);
        assertFalse(Files.exists(run.resolve(RunResult.FILE)));
    }

    @Test
    void sigintWhileResumingNamesTheResumeCommand() throws Exception {
        List<String> sets = sets(50);
        Path run = dir.resolve("killed");
        Process p = InterruptResumeTest.start(sets, dir.resolve("first.out"), "--out", run.toString());
        while (p.isAlive() && KillResumeTest.lastIter(run.resolve("metrics.jsonl")) < 3) {
            Thread.sleep(10);
        }
        p.destroyForcibly().waitFor(); // SIGKILL after the checkpoint of iteration 2
        String line = interruptAfter(sets, "run directory", dir.resolve("resume.out"), "--resume", run.toString());
        assertEquals("retinaj: SIGINT: interrupted while starting the engine; resume with: retinaj train --resume " + run,
                line);

        // eval of that run's checkpoint: the JVM's log of loaded classes tells where it is
        for (String at : List.of("picocli.CommandLine", "ai.djl.pytorch.engine.PtEngine")) {
            Path classes = dir.resolve(at + ".log");
            List<String> eval = KillResumeTest.retinaj(List.of("-Xlog:class+load=info:file=" + classes),
                    List.of("eval", "-c", run.resolve("config.yaml").toString(), "--weights", run.toString(),
                            "--set", "data.val=[val]", "--out", dir.resolve("eval").toString()));
            line = interruptAfter(eval, classes, "] " + at + " ", dir.resolve(at + ".out"));
            // picocli is loaded once the handlers are installed, and parsing takes most of a second
            assertTrue(line.matches(at.startsWith("picocli") ? "retinaj: SIGINT: interrupted while starting retinaj"
                    : "retinaj: SIGINT: interrupted while (starting the engine|loading the model|detecting)"), line);
        }
    }

    private List<String> sets(int iters) {
        Path data = dir.resolve("shapes");
        if (!Files.isDirectory(data)) {
            ShapesGenerator.generate(data, new ShapesParams(8, 2, 96, 11, 1.0));
        }
        return TrainEndToEndTest.tinyFor(data, "train.max_iters=" + iters, "train.checkpoint_period=2", "data.val=[]");
    }

    /** Starts train, sends SIGINT once {@code marker} is in its output, and returns its one "retinaj:" line. */
    private static String interruptAfter(List<String> sets, String marker, Path out, String... extra) throws Exception {
        return interruptAfter(KillResumeTest.command(sets, extra), out, marker, out);
    }

    /** Runs {@code cmd}, sends SIGINT once {@code marker} is in {@code watched}, and returns its one "retinaj:" line. */
    private static String interruptAfter(List<String> cmd, Path watched, String marker, Path out) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        while (p.isAlive() && !(Files.exists(watched) && Files.readString(watched).contains(marker))) {
            Thread.sleep(2);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "no exit after SIGINT");
        String log = Files.readString(out);
        assertEquals(130, p.exitValue(), log);
        assertFalse(log.contains("SIGSEGV") || log.contains("hs_err") || log.contains("\tat ")
                || log.contains("Exception"), log);
        List<String> ours = log.lines().filter(l -> l.startsWith("retinaj:")).toList();
        assertEquals(1, ours.size(), log);
        return ours.get(0);
    }
}
