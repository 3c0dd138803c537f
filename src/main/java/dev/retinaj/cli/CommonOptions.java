package dev.retinaj.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every command takes, and the command's own output streams. */
public final class CommonOptions {
    @Option(names = "--verbose", description = "Print stack traces and debug logs.")
    public boolean verbose;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public PrintWriter out() {
        return command.commandLine().getOut();
    }

    public PrintWriter err() {
        return command.commandLine().getErr();
    }
}
