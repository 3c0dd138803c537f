package dev.retinaj.cli;

import picocli.CommandLine.Option;

/** {@code --json}: the command prints its figures (metrics, statistics, timings) as one JSON object instead of text. */
public final class JsonOutput {
    @Option(names = "--json", description = "Print the figures as one JSON object instead of text.")
    boolean json;
}
