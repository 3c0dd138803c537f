package dev.retinaj.cli;

import dev.retinaj.config.ConfigException;
import dev.retinaj.util.ConsoleLog;
import dev.retinaj.util.Interrupted;
import dev.retinaj.util.Interrupts;
import dev.retinaj.util.OutputFolder;
import dev.retinaj.util.RetinaJException;
import dev.retinaj.util.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code retinaj} command, and the one place where failures become messages and
 * exit codes: 0 ok; 2 for a usage or config error ({@link UsageException}, {@link ConfigException},
 * picocli's parse errors); 1 otherwise. Expected failures ({@link RetinaJException}) print their one
 * line, and so do I/O failures (a full disk, no permission: the file and the reason); anything else
 * prints its class and message and points to --verbose for the stack trace.
 */
@Command(name = "retinaj",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train, evaluate and serve RetinaNet object detectors.",
        footer = {"", "Example:", "  retinaj env", "  retinaj config show -c configs/shapes_r18_fpn_demo.yaml"},
        subcommands = {
            EnvCommand.class,
            ConfigCommand.class,
            DataCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            PredictCommand.class,
            SweepCommand.class,
            PlotCommand.class,
            ReportCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The commands that run long enough to be interrupted: Ctrl-C prints one line and exits 130
     * ({@code data}: reading, converting or generating a large data set).
     */
    private static final java.util.Set<String> LONG = java.util.Set.of("train", "eval", "predict", "sweep", "data");
    private static boolean signals;

    public static void main(String[] args) {
        ConsoleLog.install(System.console() != null); // before anything logs: log lines clear the bar
        signals = Interrupts.install("starting retinaj"); // before parsing, which takes most of a second
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (no System.exit: tests call this). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = HelpLayout.install(new CommandLine(new Main()));
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setParameterExceptionHandler(Main::handleUsage);
        cl.setExecutionStrategy(Main::execute);
        return cl;
    }

    /** Keeps the signal handling of {@link #main} for a long command, else gives the JVM's default back. */
    private static int execute(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult sub = parsed.subcommand();
        if (signals) {
            try {
                Interrupts.phase("starting retinaj" + (sub == null ? "" : " " + sub.commandSpec().name()));
            } catch (Interrupted e) {
                return exitCode(e); // its line is printed
            }
            if (sub == null || !LONG.contains(sub.commandSpec().name())) {
                Interrupts.uninstall();
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.matchedOptions().stream().anyMatch(o -> o.longestName().equals("--verbose"))
                || parsed.subcommands().stream().anyMatch(Main::hasVerbose) || hasVerbose(parsed);
        PrintWriter err = cl.getErr();
        Throwable t = unwrap(e);
        if (t instanceof Interrupted i && i.reported() && !verbose) {
            return exitCode(t); // the signal handler printed its line
        }
        err.println("retinaj: " + oneLine(t));
        if (verbose) {
            t.printStackTrace(err);
        } else if (!expected(t)) {
            err.println("retinaj: (run with --verbose for the stack trace)");
        }
        err.flush();
        return exitCode(t);
    }

    private static boolean hasVerbose(CommandLine.ParseResult p) {
        CommandLine.ParseResult r = p;
        while (r != null) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
            r = r.subcommand();
        }
        return false;
    }

    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("retinaj: " + e.getMessage());
        err.println("retinaj: see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return 2;
    }

    /** The exit code of a failure: 2 for usage and config errors, 1 otherwise. */
    public static int exitCode(Throwable t) {
        if (t instanceof ConfigException || t instanceof UsageException) {
            return 2;
        }
        if (t instanceof Interrupted) {
            return Interrupts.EXIT_CODE;
        }
        return 1;
    }

    /** A failure the code anticipated: its message is the whole report. */
    private static boolean expected(Throwable t) {
        return t instanceof RetinaJException || t instanceof ConfigException || t instanceof IOException
                || t instanceof UncheckedIOException;
    }

    static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while (cur.getCause() != null && cur != cur.getCause()
                && !expected(cur)
                && (cur instanceof CommandLine.ExecutionException || cur.getMessage() == null)) {
            cur = cur.getCause();
        }
        return cur;
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (t instanceof IOException io) {
            m = ioLine(io);
        } else if (t instanceof UncheckedIOException u) {
            // "cannot write FILE" plus the reason; the no-message constructor gives the cause's toString()
            m = m == null || m.equals(u.getCause().toString()) ? ioLine(u.getCause()) : m + ": " + ioLine(u.getCause());
        } else if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        } else if (!expected(t) && !(t instanceof IllegalArgumentException)) {
            m = t.getClass().getSimpleName() + ": " + m;
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** An I/O failure as "FILE: reason" (a file-system one) or its reason, without the class name. */
    private static String ioLine(IOException e) {
        String reason = e instanceof NoSuchFileException ? "no such file or folder"
                : e instanceof FileAlreadyExistsException ? "already exists"
                : e instanceof DirectoryNotEmptyException ? "folder is not empty"
                : e instanceof NotDirectoryException ? "not a folder"
                : e instanceof FileSystemException f && f.getReason() == null && !(e instanceof AccessDeniedException)
                        ? "file-system error"
                : e.getMessage() == null ? "I/O error" : OutputFolder.reason(e);
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String other = f.getOtherFile() == null ? "" : " -> " + f.getOtherFile();
            return f.getFile() + other + ": " + reason;
        }
        return reason;
    }
}
