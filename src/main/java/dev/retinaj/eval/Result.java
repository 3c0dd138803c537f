package dev.retinaj.eval;

/**
 * One detection in the COCO results format: box (x, y, w, h) in original-image pixels and a score.
 * Use {@link #ofCorners} to build one from (x1, y1, x2, y2).
 */
public record Result(long imageId, int categoryId, double x, double y, double w, double h, double score) {

    public static Result ofCorners(long imageId, int categoryId, double x1, double y1, double x2, double y2,
                                   double score) {
        return new Result(imageId, categoryId, x1, y1, x2 - x1, y2 - y1, score);
    }

    /** Detections' area as pycocotools' loadRes computes it: w * h. */
    public double area() {
        return w * h;
    }

    /**
     * Checks every result against the ground truth: known image and category ids, finite values,
     * non-negative sizes. The message names the 0-based entry.
     *
     * @throws IllegalArgumentException on the first bad entry
     */
    static void validate(java.util.List<Result> results, GroundTruth gt) {
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            if (gt.imageIndex(r.imageId) < 0) {
                throw new IllegalArgumentException("detection " + i + " names unknown image_id " + r.imageId);
            }
            if (gt.categoryIndex(r.categoryId) < 0) {
                throw new IllegalArgumentException("detection " + i + " names unknown category_id " + r.categoryId);
            }
            if (!Double.isFinite(r.x) || !Double.isFinite(r.y) || !Double.isFinite(r.w) || !Double.isFinite(r.h)) {
                throw new IllegalArgumentException("detection " + i + " has a non-finite bbox");
            }
            if (r.w < 0 || r.h < 0) {
                throw new IllegalArgumentException("detection " + i + " has a negative bbox size ("
                        + r.w + " x " + r.h + ")");
            }
            if (Double.isNaN(r.score)) {
                throw new IllegalArgumentException("detection " + i + " has a NaN score");
            }
        }
    }
}
