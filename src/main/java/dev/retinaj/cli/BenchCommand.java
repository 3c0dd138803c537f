package dev.retinaj.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code retinaj bench ...}: micro-benchmarks of the pipeline's parts. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark parts of the pipeline (data loading, assignment, model, training step, evaluation).",
        subcommands = {BenchDataCommand.class},
        footer = {"", "Example:", "  retinaj bench data --json", "  retinaj bench data -c configs/shapes_r18_fpn_demo.yaml"})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
