package dev.retinaj.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Primitive views of the ground truth and results for {@link CocoEvaluator}, grouped by category and image. */
final class CocoInputs {
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

    CocoInputs(GroundTruth gt, List<Result> results) {
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
