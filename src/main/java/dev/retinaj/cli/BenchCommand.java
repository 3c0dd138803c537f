package dev.retinaj.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code retinaj bench ...}: micro-benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark parts of RetinaJ (model forward/backward, ...).",
        footer = {"", "Example:", "  retinaj bench model --backbone r50 --size 512 --batch 2"},
        subcommands = {BenchModelCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
