package dev.retinaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The options the {@code bench} commands share ({@link BenchTiming}, {@link JsonOutput}) parse with
 * each command's own defaults, take overrides, and show each default in the help.
 */
class BenchOptionsTest {
    /** The object of {@code retinaj bench CMD ARGS...} after parsing (nothing runs). */
    @SuppressWarnings("unchecked")
    private static <T> T parse(String cmd, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "bench";
        all[1] = cmd;
        System.arraycopy(args, 0, all, 2, args.length);
        CommandLine.ParseResult r = Main.commandLine().parseArgs(all);
        return (T) r.subcommand().subcommand().commandSpec().userObject();
    }

    private static void assertTiming(BenchTiming t, int iters, int warmup, int threads) {
        assertEquals(List.of(iters, warmup, threads), List.of(t.iters, t.warmup, t.threads));
    }

    @Test
    void eachCommandHasItsOwnTimingDefaults() {
        BenchAssignCommand a = parse("assign");
        assertTiming(a.timing, 10, 3, 0);
        assertFalse(a.timing.output.json);
        BenchModelCommand m = parse("model");
        assertTiming(m.timing, 3, 1, 0);
        assertFalse(m.timing.output.json);
        BenchTrainCommand t = parse("train");
        assertTiming(t.timing, 20, 3, 0);
        assertEquals(23, t.timing.total());
        BenchDataCommand d = parse("data");
        assertEquals(0, d.workers);
        assertEquals(256, d.images);
        BenchEvalCommand e = parse("eval");
        assertEquals(List.of(5000, 100, 80), List.of(e.images, e.dets, e.classes));
        assertFalse(e.output.json);
    }

    @Test
    void givenValuesOverrideTheDefaults() {
        BenchAssignCommand a = parse("assign", "--iters", "1", "--warmup", "0", "--threads", "2", "--json");
        assertTiming(a.timing, 1, 0, 2);
        assertTrue(a.timing.output.json);
        BenchModelCommand m = parse("model", "--iters=7", "--warmup=2", "--threads=1", "--json", "--size", "64");
        assertTiming(m.timing, 7, 2, 1);
        assertEquals(64, m.size);
        assertTrue(m.timing.output.json);
        BenchTrainCommand t = parse("train", "--warmup", "0", "--json");
        assertTiming(t.timing, 20, 0, 0); // only what is given changes
        assertTrue(t.timing.output.json);
        BenchDataCommand d = parse("data", "--threads", "3", "--json");
        assertEquals(3, d.workers);
        assertTrue(d.output.json);
        assertTrue(this.<BenchEvalCommand>parse("eval", "--json").output.json);
    }

    @Test
    void defaultsDoNotLeakBetweenCommandsOrParses() {
        parse("model", "--iters", "9");
        assertTiming(this.<BenchModelCommand>parse("model").timing, 3, 1, 0);
        assertTiming(this.<BenchAssignCommand>parse("assign").timing, 10, 3, 0);
    }

    @Test
    void benchTrainRunsExactlyWarmupPlusItersWithoutEvalOrCheckpoints() {
        BenchTrainCommand t = parse("train", "-c", "x.yaml", "--set", "train.lr=0.01", "--iters", "4", "--warmup", "1",
                "--threads", "3");
        assertEquals(List.of("train.lr=0.01", "threads=3", "train.max_iters=5", "train.log_period=1",
                "train.eval_period=0", "train.checkpoint_period=0", "data.val=[]"), t.overrides());
        assertEquals(List.of("train.max_iters=23", "train.log_period=1", "train.eval_period=0",
                "train.checkpoint_period=0", "data.val=[]"), this.<BenchTrainCommand>parse("train").overrides());
    }

    @Test
    void helpShowsEveryTimingOptionWithThisCommandsDefault() {
        check("assign", "--iters=N +Timed iterations \\(default: 10\\)", "--warmup=N .*\\(default:\\s+3\\)",
                "--threads=N +Engine intra-op threads \\(default: 0 ");
        check("model", "--iters=N +Timed iterations \\(default: 3\\)", "--warmup=N .*\\(default:\\s+1\\)",
                "--threads=N +Engine intra-op threads");
        check("train", "--iters=N +Timed iterations \\(default: 20\\)", "--warmup=N .*\\(default:\\s+3\\)",
                "--threads=N +Engine intra-op threads", "--json ");
        check("data", "--threads=N +Data-loader worker threads", "default: 0 = all cores", "--json ");
        check("eval", "--json +Print the figures as one JSON object");
    }

    private static void check(String cmd, String... patterns) {
        CliTest.Result r = CliTest.run("bench", cmd, "--help");
        assertEquals(0, r.code(), r.err());
        String help = r.out().replaceAll("\\s*\\n\\s+", " "); // join wrapped description lines
        for (String p : patterns) {
            assertTrue(Pattern.compile(p).matcher(help).find(), cmd + ": no /" + p + "/ in\n" + r.out());
        }
    }

    @Test
    void badTimingValuesAreOneLineUsageErrors() {
        for (String cmd : List.of("assign", "model", "train")) {
            CliTest.Result r = CliTest.run("bench", cmd, "--iters", "0");
            assertEquals(2, r.code(), cmd + ": " + r.err());
            assertTrue(r.err().contains("bench " + cmd + ": need --iters >= 1"), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        CliTest.Result r = CliTest.run("bench", "model", "--warmup", "-1");
        assertTrue(r.err().contains("--warmup >= 0") && r.err().contains("got 3, -1 and 0"), r.err());
    }
}
