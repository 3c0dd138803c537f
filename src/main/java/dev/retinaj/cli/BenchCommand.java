package dev.retinaj.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code retinaj bench}: micro-benchmarks of the pipeline's parts. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark parts of the training pipeline on this machine.",
        footer = {"", "Example:", "  retinaj bench assign --json"},
        subcommands = {BenchAssignCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
