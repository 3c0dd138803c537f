package dev.retinaj.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Detections against ground truth as a (K + 1) x (K + 1) count table, rows the true class, columns
 * the predicted one, index K "background". Per image, detections scoring at least the score
 * threshold are taken most confident first; each claims the unclaimed ground-truth box (of any class)
 * it overlaps most, if that IoU reaches the IoU threshold: cell (true, predicted). A detection that
 * claims nothing is (background, predicted), a box nobody claimed (true, background). Crowd /
 * difficult boxes are left out, with every detection they absorb.
 */
public record ConfusionMatrix(List<String> classes, long[][] counts, double scoreThreshold, double iouThreshold) {
    public static final String BACKGROUND = "background";

    public static ConfusionMatrix compute(GroundTruth gt, List<Result> results, double scoreThreshold,
                                          double iouThreshold) {
        int k = gt.sortedCategoryIds().length;
        long[][] counts = new long[k + 1][k + 1];
        ImageGroups groups = new ImageGroups(gt, results, scoreThreshold);
        for (int i = 0; i < gt.numImages(); i++) {
            countImage(gt, groups, i, iouThreshold, counts);
        }
        List<String> names = new ArrayList<>();
        for (int id : gt.sortedCategoryIds()) {
            names.add(gt.category(id).name());
        }
        names.add(BACKGROUND);
        return new ConfusionMatrix(List.copyOf(names), counts, scoreThreshold, iouThreshold);
    }

    /**
     * Per image (index order of {@code gt}): its off-diagonal count, i.e. missed boxes, detections of
     * the wrong class and detections on nothing, with the same matching as {@link #compute}.
     */
    public static long[] errorsPerImage(GroundTruth gt, List<Result> results, double scoreThreshold,
                                        double iouThreshold) {
        int k = gt.sortedCategoryIds().length;
        ImageGroups groups = new ImageGroups(gt, results, scoreThreshold);
        long[] errors = new long[gt.numImages()];
        for (int i = 0; i < errors.length; i++) {
            long[][] counts = new long[k + 1][k + 1];
            countImage(gt, groups, i, iouThreshold, counts);
            for (int t = 0; t <= k; t++) {
                for (int p = 0; p <= k; p++) {
                    errors[i] += t == p ? 0 : counts[t][p];
                }
            }
        }
        return errors;
    }

    private static void countImage(GroundTruth gt, ImageGroups groups, int i, double iouThreshold, long[][] counts) {
        int k = counts.length - 1;
        int[] truth = groups.truth[i];
        boolean[] claimed = new boolean[truth.length];
        for (Result r : groups.detections.get(i)) {
            int predicted = gt.categoryIndex(r.categoryId());
            int best = -1;
            double bestIou = iouThreshold;
            for (int t = 0; t < truth.length; t++) {
                double iou = ImageGroups.iou(gt, truth[t], r);
                if (!claimed[t] && iou >= bestIou) {
                    best = t;
                    bestIou = iou;
                }
            }
            if (best < 0) {
                counts[k][predicted]++;
            } else if (!gt.crowd[truth[best]]) {
                claimed[best] = true;
                counts[gt.categoryIndex(gt.annCategory[truth[best]])][predicted]++;
            }
        }
        for (int t = 0; t < truth.length; t++) {
            if (!claimed[t] && !gt.crowd[truth[t]]) {
                counts[gt.categoryIndex(gt.annCategory[truth[t]])][k]++;
            }
        }
    }

    public long count(int trueIndex, int predictedIndex) {
        return counts[trueIndex][predictedIndex];
    }

    /** The {@code confusion.json} object: thresholds, class order, rows = ground truth, columns = predicted. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score_threshold", scoreThreshold);
        m.put("iou_threshold", iouThreshold);
        m.put("rows", "ground truth");
        m.put("columns", "predicted");
        m.put("classes", classes);
        List<List<Long>> rows = new ArrayList<>();
        for (long[] row : counts) {
            List<Long> r = new ArrayList<>();
            for (long v : row) {
                r.add(v);
            }
            rows.add(r);
        }
        m.put("matrix", rows);
        return m;
    }

    public String toJson() {
        return JsonOut.write(toJsonMap());
    }
}
