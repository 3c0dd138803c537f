package dev.retinaj.anchors;

import ai.djl.ndarray.NDArray;

/**
 * Training targets of a batch, one row per anchor.
 *
 * @param clsTargets    [B, A, K] float32: one-hot rows for foreground anchors, all-zero rows otherwise
 * @param valid         [B, A] bool: false for ignored anchors (between thresholds, or over crowd boxes)
 * @param boxTargets    [B, A, 4] float32 encoded deltas; meaningful only where {@code foreground}
 *                      (zero elsewhere)
 * @param foreground    [B, A] bool
 * @param matchedLabels [B, A] int32: class of foreground anchors, −1 background, −2 ignored
 * @param numPos        [B] float32: foreground anchors per image
 * @param matchedBoxes  [B, A, 4] float32: the matched GT box of foreground anchors, the anchor
 *                      itself elsewhere (so GIoU on it stays finite)
 */
public record Targets(NDArray clsTargets, NDArray valid, NDArray boxTargets, NDArray foreground,
                      NDArray matchedLabels, NDArray numPos, NDArray matchedBoxes) implements AutoCloseable {

    public static final int BACKGROUND = -1;
    public static final int IGNORED = -2;

    @Override
    public void close() {
        clsTargets.close();
        valid.close();
        boxTargets.close();
        foreground.close();
        matchedLabels.close();
        numPos.close();
        matchedBoxes.close();
    }
}
