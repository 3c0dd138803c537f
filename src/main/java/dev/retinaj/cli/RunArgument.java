package dev.retinaj.cli;

import dev.retinaj.util.UsageException;
import java.nio.file.Path;

/** A positional RUN_DIR and {@code --weights}: the same thing said two ways, so at most one of them. */
final class RunArgument {
    private RunArgument() {}

    /** The weights to load: {@code runDir} or {@code weights}; null when neither is given. */
    static Path weights(Path runDir, Path weights, String command) {
        if (runDir != null && weights != null) {
            throw new UsageException(command + ": give RUN_DIR or --weights W, not both (" + runDir + ", " + weights + ")");
        }
        return runDir != null ? runDir : weights;
    }
}
