package dev.retinaj.eval;

import static dev.retinaj.eval.CocoEvaluator.AREA_RNG;
import static dev.retinaj.eval.CocoEvaluator.IOU_THRS;
import static dev.retinaj.eval.CocoEvaluator.MAX_DETS;
import static dev.retinaj.eval.CocoEvaluator.REC_THRS;

import java.util.Arrays;

/**
 * pycocotools' accumulate: precision [T][R][K][A][M] and recall [T][K][A][M] as flat arrays, -1 where
 * undefined, filled category by category from {@link CocoCategoryMatches}.
 */
final class CocoAccumulation {
    private static final int T = IOU_THRS.length;
    private static final int A = AREA_RNG.length;
    private static final double EPS = Math.ulp(1.0); // np.spacing(1)

    final int numCats;
    final double[] precision;
    final double[] recall;

    CocoAccumulation(int numCats) {
        this.numCats = numCats;
        precision = new double[IOU_THRS.length * REC_THRS.length * numCats * AREA_RNG.length * MAX_DETS.length];
        recall = new double[IOU_THRS.length * numCats * AREA_RNG.length * MAX_DETS.length];
        Arrays.fill(precision, -1);
        Arrays.fill(recall, -1);
    }

    static int precisionIndex(int t, int r, int k, int a, int m, int numCats) {
        return (((t * REC_THRS.length + r) * numCats + k) * AREA_RNG.length + a) * MAX_DETS.length + m;
    }

    static int recallIndex(int t, int k, int a, int m, int numCats) {
        return ((t * numCats + k) * AREA_RNG.length + a) * MAX_DETS.length + m;
    }

    void add(int k, CocoCategoryMatches cm) {
        int n = cm.n();
        double[] keptScore = cm.keptScore();
        int[] keptRank = cm.keptRank();
        byte[][] state = cm.state();
        int[] npig = cm.npig();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        StableSort.descending(order, keptScore);
        double[] rc = new double[n];
        double[] pr = new double[n];
        for (int mi = 0; mi < MAX_DETS.length; mi++) {
            int maxDet = MAX_DETS[mi];
            int[] sel = Arrays.stream(order).filter(i -> keptRank[i] < maxDet).toArray();
            int nd = sel.length;
            for (int a = 0; a < A; a++) {
                if (npig[a] == 0) {
                    continue;
                }
                for (int t = 0; t < T; t++) {
                    byte[] st = state[a * T + t];
                    double tp = 0;
                    double fp = 0;
                    for (int i = 0; i < nd; i++) {
                        byte s = st[sel[i]];
                        if (s == CocoCategoryMatches.TP) {
                            tp++;
                        } else if (s == CocoCategoryMatches.FP) {
                            fp++;
                        }
                        rc[i] = tp / npig[a];
                        pr[i] = tp / (fp + tp + EPS);
                    }
                    recall[recallIndex(t, k, a, mi, numCats)] = nd > 0 ? rc[nd - 1] : 0;
                    for (int i = nd - 1; i > 0; i--) {
                        if (pr[i] > pr[i - 1]) {
                            pr[i - 1] = pr[i];
                        }
                    }
                    int pi = 0;
                    for (int r = 0; r < REC_THRS.length; r++) {
                        double thr = REC_THRS[r];
                        while (pi < nd && rc[pi] < thr) {
                            pi++;
                        }
                        precision[precisionIndex(t, r, k, a, mi, numCats)] = pi < nd ? pr[pi] : 0;
                    }
                }
            }
        }
    }
}
