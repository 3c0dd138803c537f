package dev.retinaj.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs the real {@code retinaj} command line in-process for tests outside this package (the fuzz
 * suite), capturing picocli's writers and {@code System.out}/{@code System.err} (which some commands
 * and a stray {@code printStackTrace} use).
 */
public final class CliRunner {
    private CliRunner() {}

    /** Exit code and everything written to stdout and stderr. */
    public record Result(int code, String out, String err) {}

    /**
     * What the command line prints for a failure thrown by code a test ran directly (a TrainRunner with
     * a test hook): Main's one line and exit code, and its --verbose hint for an unexpected failure.
     */
    public static Result failure(Throwable e) {
        Throwable t = Main.unwrap(e);
        String hint = t instanceof dev.retinaj.util.RetinaJException || t instanceof dev.retinaj.config.ConfigException
                || t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException
                ? "" : "retinaj: (run with --verbose for the stack trace)\n";
        return new Result(Main.exitCode(t), "", "retinaj: " + Main.oneLine(t) + "\n" + hint);
    }

    public static synchronized Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream sysOut = System.out;
        PrintStream sysErr = System.err;
        ByteArrayOutputStream so = new ByteArrayOutputStream();
        ByteArrayOutputStream se = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(so, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(se, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine(); // after the redirect: picocli may hold System.out/err from here on
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute(args);
        } finally {
            System.setOut(sysOut);
            System.setErr(sysErr);
        }
        return new Result(code, out + so.toString(StandardCharsets.UTF_8), err + se.toString(StandardCharsets.UTF_8));
    }
}
