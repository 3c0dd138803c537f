package dev.retinaj.data;

import dev.retinaj.config.DataConfig;
import dev.retinaj.config.TestConfig;
import java.util.List;

/**
 * How images become network input: shorter side to one of {@code minSizes} (one chosen per image
 * when there are several), longer side capped at {@code maxSize}, flipped with {@code flipProb},
 * normalised with {@code mean}/{@code std} (RGB, on 0..1 values), padded to a multiple of
 * {@code sizeDivisibility}.
 */
public record TransformSpec(List<Integer> minSizes, int maxSize, double flipProb, int sizeDivisibility,
                            float[] mean, float[] std) {
    public TransformSpec {
        minSizes = List.copyOf(minSizes);
        if (minSizes.isEmpty() || mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("need at least one min size and 3 mean/std values");
        }
    }

    /** Training: multi-scale min sizes and flips from {@code data.*}. */
    public static TransformSpec train(DataConfig d) {
        return new TransformSpec(d.minSize(), d.maxSize(), d.flipProb(), d.sizeDivisibility(), floats(d.mean()),
                floats(d.std()));
    }

    /** Evaluation: {@code test.min_size}/{@code test.max_size}, no flip. */
    public static TransformSpec eval(DataConfig d, TestConfig t) {
        return new TransformSpec(List.of(t.minSize()), t.maxSize(), 0, d.sizeDivisibility(), floats(d.mean()),
                floats(d.std()));
    }

    private static float[] floats(List<Double> v) {
        float[] f = new float[v.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = v.get(i).floatValue();
        }
        return f;
    }
}
