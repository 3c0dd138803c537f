package dev.retinaj.loss;

/**
 * {@code loss.cls.alpha: auto}: α per class from the training set's class frequencies.
 *
 * <p>With f_k = max(count_k, 1) and w_k = f_k^(−1/2) / mean_j f_j^(−1/2) (inverse square-root
 * frequency, mean 1), α_k = clip(0.25 · w_k, 0.01, 0.99). Equal frequencies give the paper's 0.25
 * for every class; rarer classes get a larger weight on their positives. For softmax focal loss
 * the background entry is 1 − 0.25 = 0.75.
 */
public final class AutoAlpha {
    public static final double BASE = 0.25;

    private AutoAlpha() {}

    /** α_k for the K foreground classes. */
    public static double[] perClass(double[] counts) {
        int k = counts.length;
        double[] inv = new double[k];
        double mean = 0;
        for (int i = 0; i < k; i++) {
            inv[i] = 1 / Math.sqrt(Math.max(counts[i], 1));
            mean += inv[i] / k;
        }
        double[] alpha = new double[k];
        for (int i = 0; i < k; i++) {
            alpha[i] = Math.min(0.99, Math.max(0.01, BASE * inv[i] / mean));
        }
        return alpha;
    }

    /** K + 1 weights for softmax focal loss: background first (1 − 0.25), then {@link #perClass}. */
    public static double[] withBackground(double[] counts) {
        double[] fg = perClass(counts);
        double[] out = new double[fg.length + 1];
        out[0] = 1 - BASE;
        System.arraycopy(fg, 0, out, 1, fg.length);
        return out;
    }
}
