package dev.retinaj.eval;

import static dev.retinaj.eval.CocoEvaluator.IOU_THRS;
import static dev.retinaj.eval.CocoEvaluator.MAX_DETS;
import static dev.retinaj.eval.CocoEvaluator.REC_THRS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COCO results: pycocotools' 12 summary numbers (AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100,
 * ARs, ARm, ARl) and per-class AP@[.5:.95] (area all, 100 detections), -1 where undefined.
 */
public final class CocoMetrics implements Metrics {
    public static final String[] STAT_NAMES = {"AP", "AP50", "AP75", "APs", "APm", "APl",
        "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"};

    private final int[] catIds;
    private final String[] names;
    private final double[] precision;
    private final double[] recall;
    private final double[] stats;
    private final double[] perClassAp;
    private final double[] perClassAp50;

    CocoMetrics(GroundTruth gt, int[] catIds, double[] precision, double[] recall) {
        this.catIds = catIds;
        this.names = ClassNames.of(gt, catIds);
        this.precision = precision;
        this.recall = recall;
        this.stats = summarize();
        this.perClassAp = new double[catIds.length];
        this.perClassAp50 = new double[catIds.length];
        for (int k = 0; k < catIds.length; k++) {
            perClassAp[k] = classMean(k, 0, IOU_THRS.length);
            perClassAp50[k] = classMean(k, 0, 1);
        }
    }

    /** Mean precision of class k over IoU thresholds [t0, t1) and every recall threshold (area all, 100 dets). */
    private double classMean(int k, int t0, int t1) {
        double sum = 0;
        int cnt = 0;
        for (int t = t0; t < t1; t++) {
            for (int r = 0; r < REC_THRS.length; r++) {
                double v = precision[idx(t, r, k, 0, 2)];
                if (v > -1) {
                    sum += v;
                    cnt++;
                }
            }
        }
        return cnt == 0 ? -1 : sum / cnt;
    }

    private int idx(int t, int r, int k, int a, int m) {
        return CocoAccumulation.precisionIndex(t, r, k, a, m, catIds.length);
    }

    /** pycocotools' _summarizeDets. */
    private double[] summarize() {
        double[] s = new double[12];
        s[0] = summarize(true, null, 0, 100);
        s[1] = summarize(true, 0.5, 0, 100);
        s[2] = summarize(true, 0.75, 0, 100);
        s[3] = summarize(true, null, 1, 100);
        s[4] = summarize(true, null, 2, 100);
        s[5] = summarize(true, null, 3, 100);
        s[6] = summarize(false, null, 0, 1);
        s[7] = summarize(false, null, 0, 10);
        s[8] = summarize(false, null, 0, 100);
        s[9] = summarize(false, null, 1, 100);
        s[10] = summarize(false, null, 2, 100);
        s[11] = summarize(false, null, 3, 100);
        return s;
    }

    private double summarize(boolean ap, Double iouThr, int a, int maxDets) {
        int m = -1;
        for (int i = 0; i < MAX_DETS.length; i++) {
            if (MAX_DETS[i] == maxDets) {
                m = i;
            }
        }
        int numCats = catIds.length;
        double sum = 0;
        long cnt = 0;
        for (int t = 0; t < IOU_THRS.length; t++) {
            // pycocotools selects thresholds by exact equality (np.where(iouThr == p.iouThrs))
            if (iouThr != null && IOU_THRS[t] != iouThr) {
                continue;
            }
            for (int k = 0; k < numCats; k++) {
                if (ap) {
                    for (int r = 0; r < REC_THRS.length; r++) {
                        double v = precision[idx(t, r, k, a, m)];
                        if (v > -1) {
                            sum += v;
                            cnt++;
                        }
                    }
                } else {
                    double v = recall[CocoAccumulation.recallIndex(t, k, a, m, numCats)];
                    if (v > -1) {
                        sum += v;
                        cnt++;
                    }
                }
            }
        }
        return cnt == 0 ? -1 : sum / cnt;
    }

    /** The 12 summary numbers in pycocotools' order (see {@link #STAT_NAMES}). */
    public double[] stats() {
        return stats.clone();
    }

    public double stat(String name) {
        for (int i = 0; i < STAT_NAMES.length; i++) {
            if (STAT_NAMES[i].equals(name)) {
                return stats[i];
            }
        }
        throw new IllegalArgumentException("no COCO stat " + name);
    }

    /** AP@[.5:.95] of the category with this id, -1 if it has no non-crowd ground truth. */
    public double classAp(int categoryId) {
        for (int k = 0; k < catIds.length; k++) {
            if (catIds[k] == categoryId) {
                return perClassAp[k];
            }
        }
        throw new IllegalArgumentException("unknown category_id " + categoryId);
    }

    /** Interpolated precision at the 101 recall thresholds (area all, 100 detections), -1 if undefined. */
    public double[] precisionCurve(int iouIndex, int categoryIndex) {
        double[] p = new double[REC_THRS.length];
        for (int r = 0; r < p.length; r++) {
            p[r] = precision[idx(iouIndex, r, categoryIndex, 0, 2)];
        }
        return p;
    }

    @Override
    public String metric() {
        return "coco";
    }

    @Override
    public double headline() {
        return stats[0];
    }

    @Override
    public Map<String, Double> perClass() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < names.length; k++) {
            m.put(names[k], perClassAp[k]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** Per-class AP at IoU 0.5 (area all, 100 detections) by class name; -1 where undefined. */
    public Map<String, Double> perClassAp50() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < names.length; k++) {
            m.put(names[k], perClassAp50[k]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < STAT_NAMES.length; i++) {
            m.put(STAT_NAMES[i], stats[i]);
        }
        m.put("per_class", perClass());
        return JsonOut.write(m);
    }

    @Override
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        String[] iou = {"0.50:0.95", "0.50", "0.75", "0.50:0.95", "0.50:0.95", "0.50:0.95"};
        String[] area = {"all", "all", "all", "small", "medium", "large", "all", "all", "all", "small", "medium", "large"};
        int[] dets = {100, 100, 100, 100, 100, 100, 1, 10, 100, 100, 100, 100};
        for (int i = 0; i < 12; i++) {
            sb.append(String.format(" %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %.3f%n",
                    i < 6 ? "Average Precision" : "Average Recall", i < 6 ? "(AP)" : "(AR)",
                    i < 6 ? iou[i] : "0.50:0.95", area[i], dets[i], stats[i]));
        }
        sb.append(String.format("%n%-24s %9s%n", "class", "AP"));
        for (int k = 0; k < names.length; k++) {
            sb.append(String.format("%-24s %9s%n", names[k], perClassAp[k] < 0 ? "-" : String.format("%.4f", perClassAp[k])));
        }
        return sb.toString();
    }

    @Override
    public List<PrFigure> prFigures() {
        List<PrFigure> figs = new ArrayList<>();
        int[] ts = {0, 5};
        double[][] meanCurve = new double[ts.length][REC_THRS.length];
        int defined = 0;
        for (int k = 0; k < names.length; k++) {
            if (perClassAp[k] < 0) {
                continue;
            }
            defined++;
            List<PrCurve> curves = new ArrayList<>();
            for (int i = 0; i < ts.length; i++) {
                double[] p = precisionCurve(ts[i], k);
                for (int r = 0; r < p.length; r++) {
                    meanCurve[i][r] += p[r];
                }
                curves.add(new PrCurve(String.format("IoU=%.2f", IOU_THRS[ts[i]]), REC_THRS.clone(), p));
            }
            figs.add(new PrFigure(names[k], String.format("%s  AP=%.3f", names[k], perClassAp[k]), curves));
        }
        if (defined > 0) {
            List<PrCurve> curves = new ArrayList<>();
            for (int i = 0; i < ts.length; i++) {
                for (int r = 0; r < REC_THRS.length; r++) {
                    meanCurve[i][r] /= defined;
                }
                curves.add(new PrCurve(String.format("IoU=%.2f (mean over classes)", IOU_THRS[ts[i]]),
                        REC_THRS.clone(), meanCurve[i]));
            }
            figs.add(new PrFigure("overall", String.format("all classes  AP=%.3f  AP50=%.3f", stats[0], stats[1]), curves));
        }
        return figs;
    }
}
