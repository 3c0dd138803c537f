package dev.retinaj.cli;

import dev.retinaj.config.ShapesStyle;
import dev.retinaj.data.ShapesParams;
import dev.retinaj.util.UsageException;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code retinaj data shapes}' options for what the generator draws: its {@link ShapesParams}. */
final class ShapesOptions {
    @Option(names = "--train", defaultValue = "1000", description = "Training images (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--val", defaultValue = "200", description = "Validation images (default: ${DEFAULT-VALUE}).")
    int val;

    @Option(names = "--size", defaultValue = "320", paramLabel = "PX", description = "Square image size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--imbalance", defaultValue = "1.0", paramLabel = "R",
            description = "Class k is drawn with probability proportional to R^k, 0 <= R <= 1 (default: ${DEFAULT-VALUE}).")
    double imbalance;

    @Option(names = "--style", defaultValue = "demo", paramLabel = "demo|hard",
            description = "demo: the demo's set; hard: stronger textures, occlusion (boxes on visible pixels), "
                    + "blur, tiny objects marked difficult (default: ${DEFAULT-VALUE}).")
    String style;

    /** @throws UsageException for an unknown --style or counts, size or imbalance out of range */
    ShapesParams params() {
        try {
            ShapesStyle st = ShapesStyle.valueOf(style.toUpperCase(Locale.ROOT));
            return new ShapesParams(train, val, size, seed, imbalance, st);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().startsWith("No enum") ? "--style: expected demo or hard, got " + style
                    : e.getMessage());
        }
    }
}
