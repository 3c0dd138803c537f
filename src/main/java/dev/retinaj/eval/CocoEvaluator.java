package dev.retinaj.eval;

import java.util.List;
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
 * Categories are evaluated in parallel. The steps: {@link CocoInputs} (grouping), {@link CocoImageMatcher}
 * (evaluateImg), {@link CocoAccumulation} (accumulate), {@link CocoMetrics} (summarize).
 */
public final class CocoEvaluator {
    /** numpy.linspace(.5, .95, 10), bit for bit. */
    static final double[] IOU_THRS = linspace(0.5, 0.95, 10);
    /** numpy.linspace(0, 1, 101), bit for bit. */
    static final double[] REC_THRS = linspace(0.0, 1.0, 101);
    static final int[] MAX_DETS = {1, 10, 100};
    /** all, small, medium, large (by the ground truth's area field; detections by w * h). */
    static final double[][] AREA_RNG = {{0, 1e10}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e10}};

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
        CocoInputs in = new CocoInputs(gt, results);
        int numCats = in.catIds.length;
        CocoAccumulation acc = new CocoAccumulation(numCats);
        IntStream.range(0, numCats).parallel().forEach(k -> acc.add(k, new CocoImageMatcher(in, k).run()));
        return new CocoMetrics(gt, in.catIds, acc.precision, acc.recall);
    }
}
