package dev.retinaj.eval;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * PASCAL VOC detection AP, following the devkit's VOCevaldet.m / VOCap.m per class:
 * <ul>
 * <li>all detections of the class are stably sorted by descending score (MATLAB's sort), so ties
 *     keep their input order;</li>
 * <li>each detection takes its highest-IoU ground truth in its image (the first on ties); with IoU &gt; 0.5
 *     it is a true positive if that ground truth is not difficult and not yet taken, a false positive if
 *     already taken, and neither if difficult; otherwise it is a false positive;</li>
 * <li>recall = tp / (non-difficult ground truths), precision = tp / (tp + fp);</li>
 * <li>{@link Mode#VOC07}: mean over the 11 recall thresholds of MATLAB's {@code 0:0.1:1} (see
 *     {@link MatlabColon}) of the best precision at recall &ge; t; {@link Mode#VOC}: VOC2010+ area under
 *     the monotone precision envelope;</li>
 * <li>classes without non-difficult ground truth have no AP (-1) and are left out of the mAP.</li>
 * </ul>
 * Deliberate differences from the MATLAB code: boxes are continuous coordinates, corners (x, y) and
 * (x + w, y + h) without the devkit's +1 pixel in widths, heights and intersections; the IoU test is
 * strict (&gt; 0.5, where VOCevaldet.m has &gt;=); and precision where tp + fp = 0 (only ignored
 * detections so far) is 0 instead of MATLAB's NaN, which its max() skips anyway.
 */
public final class VocEvaluator {
    /** VOC2007's 11-point interpolated AP ({@code voc07}) or VOC2010+'s area under the PR envelope ({@code voc}). */
    public enum Mode {
        VOC07("voc07"), VOC("voc");

        private final String key;

        Mode(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    static final double IOU_THRESHOLD = 0.5;
    /** MATLAB's 0:0.1:1. */
    static final double[] VOC07_RECALLS = MatlabColon.range(0, 0.1, 1);

    private VocEvaluator() {
    }

    /**
     * Evaluates results against ground truth; the ground truth's crowd flag marks difficult objects.
     *
     * @throws IllegalArgumentException if a result names an unknown image or category, or has a bad box
     */
    public static VocMetrics evaluate(GroundTruth gt, List<Result> results, Mode mode) {
        Result.validate(results, gt);
        int[] catIds = gt.sortedCategoryIds();
        int numCats = catIds.length;
        int na = gt.numAnnotations();
        int[] gtCat = new int[na];
        for (int i = 0; i < na; i++) {
            gtCat[i] = gt.categoryIndex(gt.annCategory[i]);
        }
        int nd = results.size();
        int[] dtCat = new int[nd];
        int[] dtImage = new int[nd];
        for (int i = 0; i < nd; i++) {
            dtCat[i] = gt.categoryIndex(results.get(i).categoryId());
            dtImage[i] = gt.imageIndex(results.get(i).imageId());
        }
        int[][] gtByCat = Grouping.byCategoryThenImage(numCats, gtCat, gt.annImage);
        int[][] dtByCat = Grouping.byCategoryThenImage(numCats, dtCat, new int[nd]); // one group, file order
        ClassCurve[] curves = new ClassCurve[numCats];
        IntStream.range(0, numCats).parallel().forEach(k ->
                curves[k] = evaluateClass(gt, results, gtByCat[k], dtByCat[k], dtImage));
        double[] ap = new double[numCats];
        for (int k = 0; k < numCats; k++) {
            ap[k] = curves[k] == null ? -1 : averagePrecision(curves[k].recall, curves[k].precision, mode);
        }
        return new VocMetrics(mode, ClassNames.of(gt, catIds), catIds, ap, curves);
    }

    /** Recall and precision after each detection of a class, in ranked order. */
    record ClassCurve(double[] recall, double[] precision) {
    }

    private static ClassCurve evaluateClass(GroundTruth gt, List<Result> results, int[] gts, int[] dts, int[] dtImage) {
        int npos = 0;
        for (int g : gts) {
            if (!gt.crowd[g]) {
                npos++;
            }
        }
        if (npos == 0) {
            return null;
        }
        // gts are grouped by image index: first[image] .. first[image] + count[image]
        int[] first = new int[gt.numImages()];
        int[] count = new int[gt.numImages()];
        Arrays.fill(first, -1);
        for (int j = 0; j < gts.length; j++) {
            int im = gt.annImage[gts[j]];
            if (first[im] < 0) {
                first[im] = j;
            }
            count[im]++;
        }
        boolean[] taken = new boolean[gts.length];
        double[] keys = new double[dts.length];
        for (int i = 0; i < dts.length; i++) {
            keys[i] = results.get(dts[i]).score();
        }
        int[] order = StableSort.descending(keys);
        double[] recall = new double[dts.length];
        double[] precision = new double[dts.length];
        double tp = 0;
        double fp = 0;
        for (int rank = 0; rank < order.length; rank++) {
            int di = dts[order[rank]];
            Result d = results.get(di);
            double bx1 = d.x();
            double by1 = d.y();
            double bx2 = d.x() + d.w();
            double by2 = d.y() + d.h();
            int im = dtImage[di];
            double ovmax = Double.NEGATIVE_INFINITY;
            int jmax = -1;
            for (int j = first[im] < 0 ? 0 : first[im], end = first[im] < 0 ? 0 : first[im] + count[im]; j < end; j++) {
                int g = gts[j];
                double gx1 = gt.x[g];
                double gy1 = gt.y[g];
                double gx2 = gt.x[g] + gt.w[g];
                double gy2 = gt.y[g] + gt.h[g];
                double iw = Math.min(bx2, gx2) - Math.max(bx1, gx1);
                double ih = Math.min(by2, gy2) - Math.max(by1, gy1);
                if (iw > 0 && ih > 0) {
                    double ua = (bx2 - bx1) * (by2 - by1) + (gx2 - gx1) * (gy2 - gy1) - iw * ih;
                    double ov = iw * ih / ua;
                    if (ov > ovmax) {
                        ovmax = ov;
                        jmax = j;
                    }
                }
            }
            if (ovmax > IOU_THRESHOLD) {
                if (!gt.crowd[gts[jmax]]) {
                    if (!taken[jmax]) {
                        tp++;
                        taken[jmax] = true;
                    } else {
                        fp++;
                    }
                }
            } else {
                fp++;
            }
            recall[rank] = tp / npos;
            precision[rank] = tp + fp == 0 ? 0 : tp / (fp + tp);
        }
        return new ClassCurve(recall, precision);
    }

    static double averagePrecision(double[] rec, double[] prec, Mode mode) {
        if (mode == Mode.VOC07) {
            double ap = 0;
            for (double t : VOC07_RECALLS) {
                double p = 0;
                for (int i = 0; i < rec.length; i++) {
                    if (rec[i] >= t && prec[i] > p) {
                        p = prec[i];
                    }
                }
                ap = ap + p / 11;
            }
            return ap;
        }
        int n = rec.length;
        double[] mrec = new double[n + 2];
        double[] mpre = new double[n + 2];
        System.arraycopy(rec, 0, mrec, 1, n);
        System.arraycopy(prec, 0, mpre, 1, n);
        mrec[n + 1] = 1;
        for (int i = n; i >= 0; i--) {
            mpre[i] = Math.max(mpre[i], mpre[i + 1]);
        }
        double ap = 0;
        for (int i = 1; i < n + 2; i++) {
            if (mrec[i] != mrec[i - 1]) {
                ap += (mrec[i] - mrec[i - 1]) * mpre[i];
            }
        }
        return ap;
    }
}
