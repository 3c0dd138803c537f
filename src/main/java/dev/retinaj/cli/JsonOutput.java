package dev.retinaj.cli;

import picocli.CommandLine.Option;

/** {@code --json}: a {@code bench} command prints its figures as one JSON object instead of text. */
public final class JsonOutput {
    @Option(names = "--json", description = "Print the figures as one JSON object instead of text.")
    boolean json;
}
