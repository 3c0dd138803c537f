package dev.retinaj.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * COCO bbox evaluation, reproducing pycocotools' COCOeval (evaluate + accumulate + summarize) step by
 * step, including its tie-breaking and quirks:
 * <ul>
 * <li>detections of an (image, category) are stably sorted by descending score in input order and cut
 *     to the largest maxDets (100) before anything else; detection area is w * h, ground-truth area is
 *     the annotation's {@code area};</li>
 * <li>ground truths are stably sorted with ignored ones (crowd or outside the area range) last; a
 *     detection takes the best-IoU available ground truth (IoU &ge; threshold), stops at the first ignored
 *     one once it holds a regular match, and may match a crowd region any number of times (IoU with a
 *     crowd region = intersection / detection area);</li>
 * <li>a detection matched to an ignored ground truth, or unmatched and outside the area range, is
 *     ignored; a match to an annotation with id 0 counts as no match (pycocotools stores matches by id);</li>
 * <li>an annotation id used twice stands for the last annotation with that id at both places
 *     (pycocotools reloads annotations by id);</li>
 * <li>accumulation concatenates images in ascending id order and stably sorts by descending score;
 *     precision is tp / (tp + fp + eps), made monotone, sampled at 101 recall thresholds;</li>
 * <li>categories (or area ranges) without a non-ignored ground truth get -1 and are left out of means.</li>
 * </ul>
 * Categories are evaluated in parallel.
 */
public final class CocoEvaluator {
    /** numpy.linspace(.5, .95, 10), bit for bit. */
    static final double[] IOU_THRS = linspace(0.5, 0.95, 10);
    /** numpy.linspace(0, 1, 101), bit for bit. */
    static final double[] REC_THRS = linspace(0.0, 1.0, 101);
    static final int[] MAX_DETS = {1, 10, 100};
    /** all, small, medium, large (by the ground truth's area field; detections by w * h). */
    static final double[][] AREA_RNG = {{0, 1e10}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e10}};

    private static final byte FP = 0;
    private static final byte TP = 1;
    private static final byte IGNORED = 2;
    private static final double EPS = Math.ulp(1.0); // np.spacing(1)

    private CocoEvaluator() {
    }

    /** numpy's linspace: i * step + start, with the last point set to stop. */
    static double[] linspace(double start, double stop, int num) {
        double step = (stop - start) / (num - 1);
        double[] y = new double[num];
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    /**
     * Evaluates results against ground truth.
     *
     * @throws IllegalArgumentException if a result names an unknown image or category, or has a bad box
     */
    public static CocoMetrics evaluate(GroundTruth gt, List<Result> results) {
        Result.validate(results, gt);
        Inputs in = new Inputs(gt, results);
        int numCats = in.catIds.length;
        Accumulation acc = new Accumulation(numCats);
        IntStream.range(0, numCats).parallel().forEach(k -> new CategoryEval(in, k, acc).run());
        return new CocoMetrics(gt, in.catIds, acc.precision, acc.recall);
    }

    /** Precision [T][R][K][A][M] and recall [T][K][A][M] as flat arrays, -1 where undefined. */
    static final class Accumulation {
        final int numCats;
        final double[] precision;
        final double[] recall;

        Accumulation(int numCats) {
            this.numCats = numCats;
            precision = new double[IOU_THRS.length * REC_THRS.length * numCats * AREA_RNG.length * MAX_DETS.length];
            recall = new double[IOU_THRS.length * numCats * AREA_RNG.length * MAX_DETS.length];
            Arrays.fill(precision, -1);
            Arrays.fill(recall, -1);
        }
    }

    static int precisionIndex(int t, int r, int k, int a, int m, int numCats) {
        return (((t * REC_THRS.length + r) * numCats + k) * AREA_RNG.length + a) * MAX_DETS.length + m;
    }

    static int recallIndex(int t, int k, int a, int m, int numCats) {
        return ((t * numCats + k) * AREA_RNG.length + a) * MAX_DETS.length + m;
    }

    /** Primitive views of the ground truth and results, grouped by category and image. */
    private static final class Inputs {
        final GroundTruth gt;
        final int[] catIds;
        final int[] gtSrc; // ground-truth item -> annotation index holding its data
        final int[] gtImagePos;
        final int[] dtImagePos;
        final double[] dx;
        final double[] dy;
        final double[] dw;
        final double[] dh;
        final double[] score;
        final int[][] gtByCat;
        final int[][] dtByCat;

        Inputs(GroundTruth gt, List<Result> results) {
            this.gt = gt;
            catIds = gt.sortedCategoryIds();
            int nImg = gt.numImages();
            Integer[] order = new Integer[nImg];
            for (int i = 0; i < nImg; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (p, q) -> Long.compare(gt.imageId(p), gt.imageId(q)));
            int[] pos = new int[nImg];
            for (int r = 0; r < nImg; r++) {
                pos[order[r]] = r;
            }
            // pycocotools gathers annotations image by image (ascending ids), each in file order, and looks
            // every id up again in a dict: an id used twice stands for its last annotation at both places.
            int na = gt.numAnnotations();
            int[] src = new int[na];
            Map<Long, Integer> last = new HashMap<>(2 * na);
            for (int i = 0; i < na; i++) {
                last.put(gt.annIds[i], i);
            }
            long[] packed = new long[na];
            for (int i = 0; i < na; i++) {
                src[i] = last.get(gt.annIds[i]);
                packed[i] = ((long) pos[gt.annImage[i]] << 32) | i;
            }
            Arrays.sort(packed);
            gtSrc = new int[na];
            gtImagePos = new int[na];
            int[] gtCat = new int[na];
            for (int r = 0; r < na; r++) {
                int s = src[(int) (packed[r] & 0xffffffffL)];
                gtSrc[r] = s;
                gtImagePos[r] = pos[gt.annImage[s]];
                gtCat[r] = gt.categoryIndex(gt.annCategory[s]);
            }
            int nd = results.size();
            dtImagePos = new int[nd];
            int[] dtCat = new int[nd];
            dx = new double[nd];
            dy = new double[nd];
            dw = new double[nd];
            dh = new double[nd];
            score = new double[nd];
            for (int i = 0; i < nd; i++) {
                Result r = results.get(i);
                dtImagePos[i] = pos[gt.imageIndex(r.imageId())];
                dtCat[i] = gt.categoryIndex(r.categoryId());
                dx[i] = r.x();
                dy[i] = r.y();
                dw[i] = r.w();
                dh[i] = r.h();
                score[i] = r.score();
            }
            gtByCat = Grouping.byCategoryThenImage(catIds.length, gtCat, gtImagePos);
            dtByCat = Grouping.byCategoryThenImage(catIds.length, dtCat, dtImagePos);
        }
    }

    /** pycocotools' evaluateImg for every image of one category, then accumulate for that category. */
    private static final class CategoryEval {
        private static final int T = IOU_THRS.length;
        private static final int A = AREA_RNG.length;
        private static final int MAX_DET = MAX_DETS[MAX_DETS.length - 1];

        private final Inputs in;
        private final int k;
        private final Accumulation acc;
        // kept detections of this category, images in ascending id order, each image's sorted by score
        private int n;
        private double[] keptScore;
        private int[] keptRank;
        private byte[][] state; // [a * T + t][detection]
        private final int[] npig = new int[A];

        CategoryEval(Inputs in, int k, Accumulation acc) {
            this.in = in;
            this.k = k;
            this.acc = acc;
        }

        void run() {
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
            accumulate();
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
                    iou[i * numG + j] = BoxIou.iou(in.dx[di], in.dy[di], in.dw[di], in.dh[di],
                            gt.x[gj], gt.y[gj], gt.w[gj], gt.h[gj], gt.crowd[gj]);
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
                        int m = numG == 0 ? -1 : match(iou, i, numG, gtind, ig, gtm, g, IOU_THRS[t]);
                        boolean matchedId = false;
                        boolean dtIg = false;
                        if (m >= 0) {
                            dtIg = ig[m];
                            matchedId = gt.annIds[g[gtind[m]]] != 0;
                            gtm[m] = true;
                        }
                        byte s;
                        if (matchedId) {
                            s = dtIg ? IGNORED : TP;
                        } else {
                            double da = in.dw[d[i]] * in.dh[d[i]];
                            s = dtIg || da < lo || da > hi ? IGNORED : FP;
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
        private int match(double[] iou, int i, int numG, int[] gtind, boolean[] ig, boolean[] gtm, int[] g,
                          double thr) {
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

        private void accumulate() {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            StableSort.descending(order, keptScore);
            int numCats = acc.numCats;
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
                            if (s == TP) {
                                tp++;
                            } else if (s == FP) {
                                fp++;
                            }
                            rc[i] = tp / npig[a];
                            pr[i] = tp / (fp + tp + EPS);
                        }
                        acc.recall[recallIndex(t, k, a, mi, numCats)] = nd > 0 ? rc[nd - 1] : 0;
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
                            acc.precision[precisionIndex(t, r, k, a, mi, numCats)] = pi < nd ? pr[pi] : 0;
                        }
                    }
                }
            }
        }
    }
}
