package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {
    /** Runs the CLI in-process and captures stdout / stderr. */
    static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {}

    private static void collect(CommandLine cl, List<List<String>> paths, List<String> prefix) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            List<String> p = new ArrayList<>(prefix);
            p.add(e.getKey());
            paths.add(p);
            collect(e.getValue(), paths, p);
        }
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(), paths, List.of());
        assertTrue(paths.size() >= 3, paths.toString());
        for (List<String> p : paths) {
            List<String> args = new ArrayList<>(p);
            args.add("--help");
            Result r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), p.toString());
            assertTrue(r.out().contains("Usage: retinaj " + String.join(" ", p)), r.out());
            assertTrue(r.out().contains("Example:"), p + " --help has no example");
        }
    }

    @Test
    void configShowPrintsTheOverride() {
        Result r = run("config", "show", "-c", "configs/retinanet_r50_fpn_1x_coco.yaml", "--set", "train.lr=0.02");
        assertEquals(0, r.code(), r.err());
        int train = r.out().indexOf("\ntrain:\n");
        assertTrue(train > 0);
        String section = r.out().substring(train + 1);
        section = section.substring(0, section.indexOf("\ntest:"));
        assertTrue(section.contains("\n  lr: 0.02\n"), section);
    }

    @Test
    void configErrorsExitTwoWithOneLine() {
        Result r = run("config", "show", "-c", "configs/retinanet_r50_fpn_1x_coco.yaml", "--set", "model.fpn.p9=1");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("model.fpn.p9"), r.err());
        r = run("config", "show");
        assertEquals(2, r.code());
        assertEquals("retinaj: missing -c CONFIG (a YAML file, e.g. configs/shapes_r18_fpn_demo.yaml)", r.err().strip());
    }

    @Test
    void usageErrorsExitTwo() {
        Result r = run("config", "show", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("retinaj: Unknown option: '--no-such-option'"), r.err());
        assertEquals(2, run("no-such-command").code());
    }

    @Test
    void envPrintsEngineAndCpu() {
        Result r = run("env");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("engine:          PyTorch 2.7.1"), r.out());
        assertTrue(r.out().contains("devices (auto): [cpu()]"), r.out());
        assertTrue(r.out().contains("offline:         true"), r.out());
    }

    @Test
    void unavailableGpuIsAOneLineError() {
        Result r = run("env", "--device", "gpu:3");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("retinaj: device: gpu:3 asked for, but PyTorch sees 0 GPU(s)"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void setTakesSeveralPairsAfterOneFlagAsWellAsRepeatedFlags() {
        Result one = run("config", "show", "-c", "configs/shapes_r18_fpn_demo.yaml", "--set", "train.lr=0.125",
                "train.max_iters=77", "seed=5");
        assertEquals(0, one.code(), one.err());
        Result repeated = run("config", "show", "-c", "configs/shapes_r18_fpn_demo.yaml", "--set", "train.lr=0.125",
                "--set", "train.max_iters=77", "--set", "seed=5");
        assertEquals(0, repeated.code(), repeated.err());
        assertEquals(one.out(), repeated.out());
        assertTrue(one.out().contains("lr: 0.125"), one.out());
        assertTrue(one.out().contains("max_iters: 77"), one.out());
        assertTrue(one.out().contains("seed: 5"), one.out());
        Result mixed = run("config", "show", "--set", "train.lr=0.125", "train.max_iters=77", "-c",
                "configs/shapes_r18_fpn_demo.yaml", "--set", "seed=5");
        assertEquals(one.out(), mixed.out());
    }

    @Test
    void setWithoutAPairIsAUsageError() {
        Result r = run("config", "show", "-c", "configs/shapes_r18_fpn_demo.yaml", "--set", "--verbose");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--set: expected K=V"), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.contains("expected K=V")).count());
    }

    @Test
    void aBadWeightsPathFailsInOneLineBeforeAnyDataIsRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path root = dir.resolve("shapes");
        Result r = run("eval", "-c", "configs/shapes_r18_fpn_demo.yaml", "--weights", dir.resolve("none").toString(),
                "--set", "data.root=" + root);
        assertEquals(1, r.code());
        assertEquals(List.of("retinaj: --weights " + dir.resolve("none") + ": no such file or directory"),
                r.err().lines().toList());
        assertTrue(!java.nio.file.Files.exists(root), "the shapes set was generated before --weights was checked");
    }
}
