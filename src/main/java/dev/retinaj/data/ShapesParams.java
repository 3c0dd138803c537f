package dev.retinaj.data;

import dev.retinaj.config.DataConfig.ShapesConfig;
import dev.retinaj.config.ShapesStyle;

/**
 * What {@link ShapesGenerator} makes: image counts per split, square image size in pixels, the seed,
 * the class imbalance ratio R (class k is drawn with probability ∝ R^k; 1 = balanced, 0 = only class 0)
 * and the drawing style.
 */
public record ShapesParams(int train, int val, int size, long seed, double imbalance, ShapesStyle style) {
    /** The demo style. */
    public ShapesParams(int train, int val, int size, long seed, double imbalance) {
        this(train, val, size, seed, imbalance, ShapesStyle.DEMO);
    }

    public ShapesParams {
        if (train < 0 || val < 0 || train + val == 0) {
            throw new IllegalArgumentException("shapes: need at least one image (train " + train + ", val " + val + ")");
        }
        if (size < 32) {
            throw new IllegalArgumentException("shapes: size must be at least 32 px, got " + size);
        }
        if (!(imbalance >= 0 && imbalance <= 1)) {
            throw new IllegalArgumentException("shapes: imbalance must be in [0, 1], got " + imbalance);
        }
    }

    public static ShapesParams from(ShapesConfig c) {
        return new ShapesParams(c.train(), c.val(), c.size(), c.seed(), c.imbalance(), c.style());
    }
}
