package dev.retinaj.cli;

import dev.retinaj.util.UsageException;
import ai.djl.ndarray.NDManager;
import dev.retinaj.engine.EngineSetup;
import dev.retinaj.plot.FocalCurves;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code retinaj plot ...}: figures computed by the project's own code. */
@Command(name = "plot", mixinStandardHelpOptions = true, description = "Draw figures with RetinaJ's own code.",
        subcommands = {PlotCommand.Focal.class},
        footer = {"", "Example:", "  retinaj plot focal --gamma 0,0.5,1,2,5 --out fl.png"})
public final class PlotCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "focal", mixinStandardHelpOptions = true,
            description = "Focal loss against p_t for each γ (the RetinaNet paper's Figure 1), from RetinaJ's loss code.",
            footer = {"", "Example:", "  retinaj plot focal --gamma 0,0.5,1,2,5 --out fl.png"})
    static final class Focal implements Callable<Integer> {
        @Option(names = "--gamma", defaultValue = "0,0.5,1,2,5", split = ",", paramLabel = "G1,G2,...",
                description = "Values of γ (default: ${DEFAULT-VALUE}).")
        List<Double> gammas = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "PNG file to write.")
        Path out;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws IOException {
            for (double g : gammas) {
                if (!(g >= 0)) {
                    throw new UsageException("--gamma: values must be >= 0, got " + g);
                }
            }
            EngineSetup.start(0);
            try (NDManager m = NDManager.newBaseManager()) {
                FocalCurves.plot(m, gammas).write(out, 800, 520);
            }
            System.out.println("wrote " + out);
            return 0;
        }
    }
}
