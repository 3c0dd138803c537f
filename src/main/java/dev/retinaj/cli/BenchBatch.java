package dev.retinaj.cli;

import picocli.CommandLine.Option;

/** {@code --batch N --classes K}: the images a model bench runs at once, and the classes of its detector. */
public final class BenchBatch {
    @Option(names = "--batch", defaultValue = "2", paramLabel = "<batch>", description = "Images per batch (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--classes", defaultValue = "80", description = "Number of classes (default: ${DEFAULT-VALUE}).")
    int classes;
}
