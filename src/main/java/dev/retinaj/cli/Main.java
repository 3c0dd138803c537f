package dev.retinaj.cli;

import dev.retinaj.util.UserError;
import dev.retinaj.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code retinaj} command. Exit codes: 0 ok, 2 usage or config error, 1 other. */
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

    public static void main(String[] args) {
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
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.matchedOptions().stream().anyMatch(o -> o.longestName().equals("--verbose"))
                || parsed.subcommands().stream().anyMatch(Main::hasVerbose) || hasVerbose(parsed);
        PrintWriter err = cl.getErr();
        Throwable t = unwrap(e);
        err.println("retinaj: " + oneLine(t));
        if (verbose) {
            t.printStackTrace(err);
        } else if (!(t instanceof UserError) && !(t instanceof ConfigException)) {
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

    static int exitCode(Throwable t) {
        if (t instanceof ConfigException) {
            return 2;
        }
        if (t instanceof UserError ue) {
            return ue.exitCode();
        }
        return 1;
    }

    static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while (cur.getCause() != null && cur != cur.getCause()
                && !(cur instanceof ConfigException) && !(cur instanceof UserError)
                && (cur instanceof CommandLine.ExecutionException || cur.getMessage() == null)) {
            cur = cur.getCause();
        }
        return cur;
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        } else if (!(t instanceof UserError) && !(t instanceof ConfigException)
                && !(t instanceof IllegalArgumentException)) {
            m = t.getClass().getSimpleName() + ": " + m;
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
