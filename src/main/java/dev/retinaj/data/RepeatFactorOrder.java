package dev.retinaj.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * LVIS repeat-factor sampling (detectron2's RepeatFactorTrainingSampler): class c seen in a fraction
 * f(c) of the training images gets r(c) = max(1, sqrt(t / f(c))); an image repeats r = the largest
 * r(c) of its (non-crowd) classes, 1 with none. Each epoch an image appears ⌊r⌋ times plus once more
 * with probability r − ⌊r⌋ (drawn from (seed, epoch)), all shuffled by (seed, epoch).
 */
public final class RepeatFactorOrder implements EpochOrder {
    private static final long SALT = 0x52455045415446L; // separates the rounding draws from the shuffle's
    private final double[] factors;
    private final long seed;

    public RepeatFactorOrder(double[] factors, long seed) {
        this.factors = factors.clone();
        this.seed = seed;
    }

    public static RepeatFactorOrder of(List<DetectionRecord> records, double threshold, long seed) {
        return new RepeatFactorOrder(factors(records, threshold), seed);
    }

    /** Each image's repeat factor. */
    public static double[] factors(List<DetectionRecord> records, double threshold) {
        int k = 0;
        for (DetectionRecord r : records) {
            for (int l : r.labels()) {
                k = Math.max(k, l + 1);
            }
        }
        int[] imagesWith = new int[k];
        for (DetectionRecord r : records) {
            boolean[] seen = classes(r, k);
            for (int c = 0; c < k; c++) {
                imagesWith[c] += seen[c] ? 1 : 0;
            }
        }
        double[] out = new double[records.size()];
        for (int i = 0; i < out.length; i++) {
            boolean[] seen = classes(records.get(i), k);
            double r = 1;
            for (int c = 0; c < k; c++) {
                if (seen[c]) {
                    double f = (double) imagesWith[c] / records.size();
                    r = Math.max(r, Math.sqrt(threshold / f));
                }
            }
            out[i] = r;
        }
        return out;
    }

    private static boolean[] classes(DetectionRecord r, int k) {
        boolean[] seen = new boolean[k];
        for (int j = 0; j < r.labels().length; j++) {
            if (!r.crowd()[j]) {
                seen[r.labels()[j]] = true;
            }
        }
        return seen;
    }

    /** How often each image appears in {@code epoch}. */
    public int[] counts(long epoch) {
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, epoch, SALT));
        int[] out = new int[factors.length];
        for (int i = 0; i < out.length; i++) {
            double whole = Math.floor(factors[i]);
            out[i] = (int) whole + (rng.nextDouble() < factors[i] - whole ? 1 : 0);
        }
        return out;
    }

    @Override
    public int[] order(long epoch) {
        int[] counts = counts(epoch);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts[i]; j++) {
                idx.add(i);
            }
        }
        return EpochOrder.shuffle(idx, seed, epoch);
    }

    @Override
    public int length(long epoch) {
        int n = 0;
        for (int c : counts(epoch)) {
            n += c;
        }
        return n;
    }

    @Override
    public boolean fixedLength() {
        return false;
    }
}
