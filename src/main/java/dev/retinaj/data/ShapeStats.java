package dev.retinaj.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Image and box sizes of a split: image short and long sides, box size as the square root of its
 * area (what anchor sizes are compared with), each as min / 5% / median / 95% / max, and a histogram
 * of box sizes on {@link #EDGES}.
 */
public record ShapeStats(double[] shortSide, double[] longSide, double[] boxSize, int[] histogram, double[] sortedBoxSizes) {
    /** Box size bin edges in pixels; the last bin is open. */
    public static final int[] EDGES = {0, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512};
    static final double[] QUANTILES = {0, 0.05, 0.5, 0.95, 1};

    public static ShapeStats of(LoadedSplit s) {
        int n = s.records().size();
        double[] shortSides = new double[n];
        double[] longSides = new double[n];
        int boxes = s.records().stream().mapToInt(DetectionRecord::numBoxes).sum();
        double[] sizes = new double[boxes];
        int[] hist = new int[EDGES.length];
        int b = 0;
        for (int i = 0; i < n; i++) {
            DetectionRecord r = s.records().get(i);
            shortSides[i] = Math.min(r.width(), r.height());
            longSides[i] = Math.max(r.width(), r.height());
            float[] xy = r.boxes();
            for (int j = 0; j < r.numBoxes(); j++) {
                double size = Math.sqrt(Math.max(0, (xy[4 * j + 2] - xy[4 * j]) * (double) (xy[4 * j + 3] - xy[4 * j + 1])));
                sizes[b++] = size;
                hist[bin(size)]++;
            }
        }
        Arrays.sort(sizes);
        return new ShapeStats(quantiles(shortSides), quantiles(longSides), quantiles(sizes), hist, sizes);
    }

    static int bin(double size) {
        int k = 0;
        while (k + 1 < EDGES.length && size >= EDGES[k + 1]) {
            k++;
        }
        return k;
    }

    public static String binLabel(int k) {
        return k + 1 < EDGES.length ? EDGES[k] + "-" + EDGES[k + 1] : ">=" + EDGES[k];
    }

    /** Nearest-rank quantiles at {@link #QUANTILES}; empty input gives zeros. */
    static double[] quantiles(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double[] q = new double[QUANTILES.length];
        for (int i = 0; i < q.length && sorted.length > 0; i++) {
            q[i] = sorted[(int) Math.round(QUANTILES[i] * (sorted.length - 1))];
        }
        return q;
    }

    /** How many boxes have a size in [lo, hi). */
    public int boxSizesInRange(double lo, double hi) {
        int a = lowerBound(lo);
        int b = lowerBound(hi);
        return b - a;
    }

    private int lowerBound(double v) {
        int lo = 0;
        int hi = sortedBoxSizes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedBoxSizes[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public double medianShortSide() {
        return shortSide[2];
    }

    public double medianLongSide() {
        return longSide[2];
    }

    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image_short_side", named(shortSide));
        m.put("image_long_side", named(longSide));
        m.put("box_size", named(boxSize));
        Map<String, Integer> h = new LinkedHashMap<>();
        for (int k = 0; k < histogram.length; k++) {
            h.put(binLabel(k), histogram[k]);
        }
        m.put("box_size_histogram", h);
        return m;
    }

    private static Map<String, Double> named(double[] q) {
        String[] names = {"min", "p5", "median", "p95", "max"};
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < q.length; i++) {
            m.put(names[i], Math.round(q[i] * 10) / 10.0);
        }
        return m;
    }
}
