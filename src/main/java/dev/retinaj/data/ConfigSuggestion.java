package dev.retinaj.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The config lines that fit a data set, as {@code data stats} prints them: the class list, input
 * sizes from the median image (short side rounded to 32, at most the paper's 800 / 1333), and an
 * anchor check of box sizes after that resize against the smallest and largest anchor. A square box
 * smaller than an anchor by more than √2 cannot reach IoU 0.5 with it, nor one larger by more than √2.
 */
public record ConfigSuggestion(List<String> classes, int minSize, int maxSize, double[] boxSizes,
                               double smallestAnchor, double largestAnchor, double tooSmall, double tooLarge,
                               List<Integer> suggestedSizes) {
    static final double SQRT2 = Math.sqrt(2);

    /**
     * @param sizes {@code model.anchors.sizes} (one per level)
     * @param scales {@code model.anchors.scales}
     */
    public static ConfigSuggestion of(DatasetStats stats, List<Double> sizes, List<Double> scales) {
        ShapeStats sh = stats.shapes();
        double shortSide = Math.max(1, sh.medianShortSide());
        double longSide = Math.max(shortSide, sh.medianLongSide());
        int min = (int) Math.min(800, Math.max(32, Math.round(shortSide / 32) * 32));
        int max = (int) Math.min(1333, Math.round(min * longSide / shortSide));
        double scale = min / shortSide;
        double[] boxes = sh.boxSize().clone();
        for (int i = 0; i < boxes.length; i++) {
            boxes[i] *= scale;
        }
        double smallest = sizes.get(0) * scales.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double largest = sizes.get(sizes.size() - 1) * scales.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double tooSmall = share(sh, scale, 0, smallest / SQRT2);
        double tooLarge = share(sh, scale, largest * SQRT2, Double.POSITIVE_INFINITY);
        List<Integer> suggested = new ArrayList<>();
        if (tooSmall > 0.05 || tooLarge > 0.05) {
            // the smallest power of two whose anchor still reaches the 5% box within √2
            int first = 8;
            while (first * 2 / SQRT2 <= boxes[1]) {
                first *= 2;
            }
            for (int k = 0; k < sizes.size(); k++) {
                suggested.add(first << k);
            }
        }
        return new ConfigSuggestion(List.copyOf(new ArrayList<>(stats.perClass().keySet())), min, max, boxes,
                smallest, largest, tooSmall, tooLarge, suggested);
    }

    /** Share of boxes whose resized size lies in [lo, hi). */
    private static double share(ShapeStats sh, double scale, double lo, double hi) {
        int n = sh.sortedBoxSizes().length;
        return n == 0 ? 0 : (double) sh.boxSizesInRange(lo / scale, hi / scale) / n;
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("config lines that fit this data:");
        out.add("  data:");
        out.add("    classes: [" + String.join(", ", classes) + "]   # " + classes.size() + " classes");
        out.add("    min_size: [" + minSize + "]   # median image short side, rounded to 32 (at most 800)");
        out.add("    max_size: " + maxSize);
        out.add("  test:");
        out.add("    min_size: " + minSize);
        out.add("    max_size: " + maxSize);
        out.add(String.format(Locale.ROOT, "anchor check: box sizes after that resize %.0f / %.0f / %.0f / %.0f / %.0f px "
                + "(min / 5%% / median / 95%% / max); anchors %.0f to %.0f px", boxSizes[0], boxSizes[1],
                boxSizes[2], boxSizes[3], boxSizes[4], smallestAnchor, largestAnchor));
        out.add(String.format(Locale.ROOT, "  %.1f%% of boxes are more than √2 smaller than the smallest anchor, "
                + "%.1f%% more than √2 larger than the largest", 100 * tooSmall, 100 * tooLarge));
        if (!suggestedSizes.isEmpty()) {
            out.add("  the anchors do not fit: try");
            out.add("  model:");
            out.add("    anchors:");
            out.add("      sizes: " + suggestedSizes);
        } else {
            out.add("  the anchors fit these boxes");
        }
        return out;
    }
}
