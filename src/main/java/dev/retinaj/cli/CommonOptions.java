package dev.retinaj.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
    @Option(names = "--verbose", description = "Print stack traces and debug logs.")
    public boolean verbose;
}
