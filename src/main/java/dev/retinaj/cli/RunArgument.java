package dev.retinaj.cli;

import dev.retinaj.util.UsageException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A positional RUN_DIR or {@code --weights W}: the trained model to run, said two ways, so at most one of them. */
final class RunArgument {
    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_DIR",
            description = "A run directory: its best checkpoint and its config.yaml (-c and --set override it).")
    Path runDir;

    @Option(names = "--weights", paramLabel = "W",
            description = "A run directory (its best checkpoint; its config.yaml unless -c), a checkpoint, or a weights file (with -c).")
    Path weights;

    /** The weights to load: RUN_DIR or --weights; null when neither is given. */
    Path weights(String command) {
        if (runDir != null && weights != null) {
            throw new UsageException(command + ": give RUN_DIR or --weights W, not both (" + runDir + ", " + weights + ")");
        }
        return runDir != null ? runDir : weights;
    }

    /** How the weights were given, for messages: "RUN_DIR" or "--weights". */
    String option() {
        return runDir != null ? "RUN_DIR" : "--weights";
    }

    boolean given() {
        return runDir != null || weights != null;
    }
}
