package dev.retinaj.cli;

import dev.retinaj.config.RetinaConfig;
import dev.retinaj.engine.EngineSetup;
import dev.retinaj.util.UsageException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --iters N --warmup N --threads N}: how a {@code bench} command repeats the step it times and on
 * how many engine threads. Each command builds it with its own defaults ({@code new BenchTiming(10, 3)}):
 * picocli takes a mixin field's initial values as the options' defaults and shows them in the help.
 * ({@code bench data --threads} counts data-loader workers, not engine threads: it is that command's own.)
 */
public final class BenchTiming {
    /** Every timing bench can print its figures as JSON. */
    @Mixin
    JsonOutput output;

    @Option(names = "--iters", paramLabel = "N", description = "Timed iterations (default: ${DEFAULT-VALUE}).")
    int iters;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Untimed warm-up iterations before them (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", paramLabel = "N",
            description = "Engine intra-op threads (default: ${DEFAULT-VALUE} = the config's `threads`, whose 0 is the "
                    + "engine's default).")
    int threads;

    /** For picocli's factory; the commands give their defaults with the other constructor. */
    public BenchTiming() {
        this(1, 0);
    }

    BenchTiming(int iters, int warmup) {
        this.iters = iters;
        this.warmup = warmup;
    }

    /** @param command e.g. "bench assign", for the message */
    void validate(String command) {
        if (iters < 1 || warmup < 0 || threads < 0) {
            throw new UsageException(command + ": need --iters >= 1, --warmup >= 0 and --threads >= 0, got "
                    + iters + ", " + warmup + " and " + threads);
        }
    }

    /** Starts the engine with --threads (if given, else the config's) and places {@code asked} on its device. */
    EngineSetup.Placement start(RetinaConfig asked) {
        return EngineSetup.startAndPlace(asked, threads > 0 ? threads : asked.threads());
    }

    /** All iterations, warm-up included. */
    int total() {
        return warmup + iters;
    }
}
