package dev.retinaj.eval;

import static dev.retinaj.eval.CocoEvaluator.AREA_RNG;
import static dev.retinaj.eval.CocoEvaluator.IOU_THRS;
import static dev.retinaj.eval.CocoEvaluator.MAX_DETS;

import java.util.Arrays;

/**
 * pycocotools' evaluateImg for every image of one category: sorts and cuts the detections, computes
 * their IoUs and marks each one TP, FP or ignored per area range and IoU threshold.
 */
final class CocoImageMatcher {
    private static final int T = IOU_THRS.length;
    private static final int A = AREA_RNG.length;
    private static final int MAX_DET = MAX_DETS[MAX_DETS.length - 1];

    private final CocoInputs in;
    private final int k;
    // kept detections of this category, images in ascending id order, each image's sorted by score
    private int n;
    private double[] keptScore;
    private int[] keptRank;
    private byte[][] state; // [a * T + t][detection]
    private final int[] npig = new int[A];

    CocoImageMatcher(CocoInputs in, int k) {
        this.in = in;
        this.k = k;
    }

    CocoCategoryMatches run() {
        int[] gts = in.gtByCat[k];
        int[] dts = in.dtByCat[k];
        int cap = dts.length;
        keptScore = new double[cap];
        keptRank = new int[cap];
        state = new byte[A * T][cap];
        int gi = 0;
        int di = 0;
        while (gi < gts.length || di < dts.length) {
            int pg = gi < gts.length ? in.gtImagePos[gts[gi]] : Integer.MAX_VALUE;
            int pd = di < dts.length ? in.dtImagePos[dts[di]] : Integer.MAX_VALUE;
            int p = Math.min(pg, pd);
            int ge = gi;
            while (ge < gts.length && in.gtImagePos[gts[ge]] == p) {
                ge++;
            }
            int de = di;
            while (de < dts.length && in.dtImagePos[dts[de]] == p) {
                de++;
            }
            evaluateImage(Arrays.copyOfRange(gts, gi, ge), Arrays.copyOfRange(dts, di, de));
            gi = ge;
            di = de;
        }
        return new CocoCategoryMatches(n, keptScore, keptRank, state, npig);
    }

    private void evaluateImage(int[] g, int[] dRaw) {
        GroundTruth gt = in.gt;
        for (int j = 0; j < g.length; j++) {
            g[j] = in.gtSrc[g[j]];
        }
        double[] keys = new double[dRaw.length];
        for (int i = 0; i < dRaw.length; i++) {
            keys[i] = in.score[dRaw[i]];
        }
        int[] order = StableSort.descending(keys);
        int numD = Math.min(order.length, MAX_DET);
        int[] d = new int[numD];
        for (int i = 0; i < numD; i++) {
            d[i] = dRaw[order[i]];
        }
        int numG = g.length;
        double[] iou = new double[numD * numG];
        for (int i = 0; i < numD; i++) {
            int di = d[i];
            for (int j = 0; j < numG; j++) {
                int gj = g[j];
                iou[i * numG + j] = BoxIou.iou(in.dx[di], in.dy[di], in.dw[di], in.dh[di], gt, gj, gt.crowd[gj]);
            }
        }
        int base = n;
        for (int i = 0; i < numD; i++) {
            keptScore[base + i] = in.score[d[i]];
            keptRank[base + i] = i;
        }
        n += numD;

        int[] gtind = new int[numG];
        boolean[] ig = new boolean[numG]; // in gtind order
        boolean[] gtm = new boolean[numG];
        for (int a = 0; a < A; a++) {
            double lo = AREA_RNG[a][0];
            double hi = AREA_RNG[a][1];
            int c = 0;
            for (int j = 0; j < numG; j++) {
                if (!isIgnored(g[j], lo, hi)) {
                    gtind[c++] = j;
                }
            }
            npig[a] += c;
            for (int j = 0; j < numG; j++) {
                if (isIgnored(g[j], lo, hi)) {
                    gtind[c++] = j;
                }
            }
            for (int j = 0; j < numG; j++) {
                ig[j] = isIgnored(g[gtind[j]], lo, hi);
            }
            for (int t = 0; t < T; t++) {
                byte[] st = state[a * T + t];
                Arrays.fill(gtm, false);
                for (int i = 0; i < numD; i++) {
                    int m = numG == 0 ? -1 : match(iou, i, gtind, ig, gtm, g, IOU_THRS[t]);
                    boolean matchedId = false;
                    boolean dtIg = false;
                    if (m >= 0) {
                        dtIg = ig[m];
                        matchedId = gt.annIds[g[gtind[m]]] != 0;
                        gtm[m] = true;
                    }
                    byte s;
                    if (matchedId) {
                        s = dtIg ? CocoCategoryMatches.IGNORED : CocoCategoryMatches.TP;
                    } else {
                        double da = in.dw[d[i]] * in.dh[d[i]];
                        s = dtIg || da < lo || da > hi ? CocoCategoryMatches.IGNORED : CocoCategoryMatches.FP;
                    }
                    st[base + i] = s;
                }
            }
        }
    }

    private boolean isIgnored(int ann, double lo, double hi) {
        GroundTruth gt = in.gt;
        return gt.crowd[ann] || gt.area[ann] < lo || gt.area[ann] > hi;
    }

    /** The ground truth (position in gtind order) detection i matches at threshold thr, or -1. */
    private int match(double[] iou, int i, int[] gtind, boolean[] ig, boolean[] gtm, int[] g, double thr) {
        int numG = gtind.length;
        double best = Math.min(thr, 1 - 1e-10);
        int m = -1;
        for (int j = 0; j < numG; j++) {
            if (gtm[j] && !in.gt.crowd[g[gtind[j]]]) {
                continue;
            }
            if (m > -1 && !ig[m] && ig[j]) {
                break;
            }
            double v = iou[i * numG + gtind[j]];
            if (v < best) {
                continue;
            }
            best = v;
            m = j;
        }
        return m;
    }
}
