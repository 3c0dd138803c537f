package dev.retinaj.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** Each class's repeat factor r(c) = max(1, sqrt(t / f(c))); 1 for a class in no image. */
    public static double[] classFactors(List<DetectionRecord> records, double threshold) {
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
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            double f = (double) imagesWith[c] / records.size();
            out[c] = imagesWith[c] == 0 ? 1 : Math.max(1, Math.sqrt(threshold / f));
        }
        return out;
    }

    /** Each image's repeat factor. */
    public static double[] factors(List<DetectionRecord> records, double threshold) {
        double[] perClass = classFactors(records, threshold);
        double[] out = new double[records.size()];
        for (int i = 0; i < out.length; i++) {
            boolean[] seen = classes(records.get(i), perClass.length);
            double r = 1;
            for (int c = 0; c < perClass.length; c++) {
                if (seen[c]) {
                    r = Math.max(r, perClass[c]);
                }
            }
            out[i] = r;
        }
        return out;
    }

    /**
     * One line for the training log, e.g. "repeat-factor sampling (t 0.5): circle x1.00, triangle x2.08;
     * an epoch visits 640 of 600 images on average".
     */
    public static String summary(List<DetectionRecord> records, List<String> classNames, double threshold) {
        double[] perClass = classFactors(records, threshold);
        StringBuilder b = new StringBuilder("repeat-factor sampling (t " + threshold + "):");
        for (int c = 0; c < perClass.length; c++) {
            String name = c < classNames.size() ? classNames.get(c) : "class " + c;
            b.append(c == 0 ? " " : ", ").append(name).append(String.format(Locale.ROOT, " x%.2f", perClass[c]));
        }
        double visits = 0;
        for (double r : factors(records, threshold)) {
            visits += r;
        }
        return b.append(String.format(Locale.ROOT, "; an epoch visits %.0f of %d images on average", visits, records.size())).toString();
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
