package dev.retinaj.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code retinaj bench ...}: timing benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure how fast parts of RetinaJ run on this machine.",
        subcommands = {BenchDataCommand.class, BenchAssignCommand.class, BenchModelCommand.class, BenchTrainCommand.class,
            BenchEvalCommand.class},
        footer = {"", "Example:", "  retinaj bench data --json", "  retinaj bench assign",
            "  retinaj bench model --backbone r50 --size 512 --batch 2", "  retinaj bench train -c configs/shapes_r18_fpn_demo.yaml",
            "  retinaj bench eval --images 5000 --dets 100 --classes 80"})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
