package dev.retinaj.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.cli.CliRunner;
import dev.retinaj.fuzz.FuzzCase.Kind;
import dev.retinaj.util.JsonLines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT to real {@code retinaj train} processes (the JVM's own signal handling, the engine's native
 * threads): a fresh run stopped a random moment after a random early iteration, the same run resumed
 * and stopped again, and a run that checkpoints every step (the signal likely lands in a write).
 */
final class FuzzInterruptCases {
    private static final Family FAMILY = Family.INTERRUPTS;
    private static final long TIMEOUT_S = 120;
    private final FuzzWorkspace ws;
    private final FuzzRuns runs;
    private final Random rnd;
    final List<FuzzCase> cases = new ArrayList<>();

    FuzzInterruptCases(FuzzWorkspace ws, FuzzRuns runs, long seed) {
        this.ws = ws;
        this.runs = runs;
        this.rnd = new Random(seed);
    }

    List<FuzzCase> all() {
        Path run = ws.dir().resolve("run");
        List<String> sets = FuzzRuns.sets(runs.shapes(), "train.max_iters=200", "train.checkpoint_period=4");
        add("fresh run", run, sets, "--out");
        add("resumed run", run, sets, "--resume");
        Path every = ws.dir().resolve("run");
        add("checkpoint every step", every, FuzzRuns.sets(runs.shapes(), "train.max_iters=200"), "--out");
        return cases;
    }

    private void add(String name, Path run, List<String> sets, String how) {
        int after = 1 + rnd.nextInt(3);
        int delayMs = rnd.nextInt(400);
        FuzzCase c = FuzzCase.run(FAMILY, name + ": SIGINT " + delayMs + " ms after iteration +" + after, Kind.INTERRUPT,
                List.of(), run, 0, null);
        cases.add(c.by(() -> interrupt(run, sets, how, after, delayMs)));
    }

    /** Starts the process, waits for {@code after} more iterations and {@code delayMs}, sends SIGINT, waits for the exit. */
    private CliRunner.Result interrupt(Path run, List<String> sets, String how, int after, int delayMs) {
        Path log = run.resolveSibling(run.getFileName() + "-" + how.substring(2) + ".out");
        try {
            Files.createDirectories(run.getParent());
            long at = lastIter(run.resolve("metrics.jsonl")) + after;
            List<String> args = how.equals("--resume") ? List.of("train", "--resume", run.toString())
                    : FuzzRuns.withSets(new ArrayList<>(List.of("train", "-c", FuzzRuns.CONFIG, how, run.toString())), sets);
            Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (p.isAlive() && lastIter(run.resolve("metrics.jsonl")) < at && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(delayMs);
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new CliRunner.Result(-1, "", "no exit " + TIMEOUT_S + " s after SIGINT: " + Files.readString(log));
            }
            return new CliRunner.Result(p.exitValue(), "", Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Xmx1g", "-cp", System.getProperty("java.class.path"), "dev.retinaj.cli.Main"));
        cmd.addAll(args);
        return cmd;
    }

    /** The last training iteration in metrics.jsonl (0 if none). */
    static long lastIter(Path metrics) throws IOException {
        if (!Files.exists(metrics)) {
            return 0;
        }
        long last = 0;
        for (JsonNode row : JsonLines.read(metrics)) {
            if (row.has("iter") && !row.has("eval")) {
                last = Math.max(last, row.get("iter").asLong());
            }
        }
        return last;
    }
}
