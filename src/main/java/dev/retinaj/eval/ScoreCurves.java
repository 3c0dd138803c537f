package dev.retinaj.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Precision, recall and F1 against the confidence threshold, per class and over all classes (counts
 * summed), at one IoU threshold. Per image and class, detections most confident first each take the
 * unmatched ground-truth box of their class they overlap most (IoU at least the threshold): a true
 * positive; else a false positive. Detections on crowd / difficult boxes count as neither, and those
 * boxes are not counted as ground truth. With no detection kept at a threshold, precision is NaN
 * (undefined) and F1 is 0.
 */
public record ScoreCurves(double iouThreshold, double[] thresholds, Map<String, Curve> curves) {
    /** Thresholds 0, 0.01 ... 1. */
    public static final int STEPS = 101;

    /** {@code truth} boxes; precision, recall and F1 at each threshold. */
    public record Curve(long truth, double[] precision, double[] recall, double[] f1) {
        /** The threshold index of the best F1 (the lowest threshold among ties). */
        public int bestF1() {
            int best = 0;
            for (int i = 1; i < f1.length; i++) {
                best = f1[i] > f1[best] ? i : best;
            }
            return best;
        }
    }

    public static final String ALL = "all classes";

    public static ScoreCurves compute(GroundTruth gt, List<Result> results, double iouThreshold) {
        int k = gt.sortedCategoryIds().length;
        long[][] tp = new long[k + 1][STEPS];
        long[][] fp = new long[k + 1][STEPS];
        long[] truth = new long[k + 1];
        ImageGroups groups = new ImageGroups(gt, results, 0);
        for (int i = 0; i < gt.numImages(); i++) {
            match(gt, groups.truth[i], groups.detections.get(i), iouThreshold, tp, fp, truth);
        }
        double[] thr = new double[STEPS];
        Arrays.setAll(thr, s -> s / (double) (STEPS - 1));
        Map<String, Curve> curves = new LinkedHashMap<>();
        int[] ids = gt.sortedCategoryIds();
        for (int c = 0; c <= k; c++) {
            // cumulative from the top: a detection counted at step s counts at every lower threshold
            for (int s = STEPS - 2; s >= 0; s--) {
                tp[c][s] += tp[c][s + 1];
                fp[c][s] += fp[c][s + 1];
            }
            curves.put(c < k ? gt.category(ids[c]).name() : ALL, curve(tp[c], fp[c], truth[c]));
        }
        return new ScoreCurves(iouThreshold, thr, curves);
    }

    private static void match(GroundTruth gt, int[] truthIdx, List<Result> dets, double iouThreshold,
                              long[][] tp, long[][] fp, long[] truth) {
        int k = truth.length - 1;
        boolean[] used = new boolean[truthIdx.length];
        for (int t : truthIdx) {
            if (!gt.crowd[t]) {
                truth[gt.categoryIndex(gt.annCategory[t])]++;
                truth[k]++;
            }
        }
        for (Result r : dets) {
            int best = -1;
            double bestIou = iouThreshold;
            for (int t = 0; t < truthIdx.length; t++) {
                int a = truthIdx[t];
                double iou = gt.annCategory[a] == r.categoryId() && !used[t] ? ImageGroups.iou(gt, a, r) : -1;
                if (iou >= bestIou) {
                    best = t;
                    bestIou = iou;
                }
            }
            int c = gt.categoryIndex(r.categoryId());
            int step = (int) Math.floor(Math.min(1, Math.max(0, r.score())) * (STEPS - 1) + 1e-9);
            if (best >= 0 && gt.crowd[truthIdx[best]]) {
                continue;
            }
            long[][] target = best >= 0 ? tp : fp;
            if (best >= 0) {
                used[best] = true;
            }
            target[c][step]++;
            target[k][step]++;
        }
    }

    private static Curve curve(long[] tp, long[] fp, long truth) {
        double[] p = new double[STEPS];
        double[] r = new double[STEPS];
        double[] f = new double[STEPS];
        for (int s = 0; s < STEPS; s++) {
            long kept = tp[s] + fp[s];
            p[s] = kept == 0 ? Double.NaN : (double) tp[s] / kept;
            r[s] = truth == 0 ? 0 : (double) tp[s] / truth;
            f[s] = kept == 0 || p[s] + r[s] == 0 ? 0 : 2 * p[s] * r[s] / (p[s] + r[s]);
        }
        return new Curve(truth, p, r, f);
    }

    /** Names of the curves, classes first, {@link #ALL} last. */
    public List<String> names() {
        return new ArrayList<>(curves.keySet());
    }
}
