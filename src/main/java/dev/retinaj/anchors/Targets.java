package dev.retinaj.anchors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Training targets of a batch, one row per anchor. The accessors are those of a record:
 * <ul>
 *   <li>{@code clsTargets} [B, A, K] float32: one-hot rows for foreground anchors, all-zero rows
 *       otherwise. Built from {@code matchedLabels} on first use when the assigner made it: the
 *       sigmoid focal loss never needs the full-size tensor;</li>
 *   <li>{@code valid} [B, A] bool: false for ignored anchors (between thresholds, or over crowd boxes);</li>
 *   <li>{@code boxTargets} [B, A, 4] float32 encoded deltas; meaningful only where
 *       {@code foreground} (zero elsewhere);</li>
 *   <li>{@code foreground} [B, A] bool;</li>
 *   <li>{@code matchedLabels} [B, A] int32: class of foreground anchors, −1 background, −2 ignored;</li>
 *   <li>{@code numPos} [B] float32: foreground anchors per image;</li>
 *   <li>{@code matchedBoxes} [B, A, 4] float32: the matched GT box of foreground anchors, the
 *       anchor itself elsewhere (so GIoU on it stays finite).</li>
 * </ul>
 */
public final class Targets implements AutoCloseable {
    public static final int BACKGROUND = -1;
    public static final int IGNORED = -2;

    private NDArray clsTargets;
    private final int numClasses;
    private final NDArray valid;
    private final NDArray boxTargets;
    private final NDArray foreground;
    private final NDArray matchedLabels;
    private final NDArray numPos;
    private final NDArray matchedBoxes;

    public Targets(NDArray clsTargets, NDArray valid, NDArray boxTargets, NDArray foreground,
                   NDArray matchedLabels, NDArray numPos, NDArray matchedBoxes) {
        this((int) clsTargets.getShape().get(2), valid, boxTargets, foreground, matchedLabels, numPos, matchedBoxes);
        this.clsTargets = clsTargets;
    }

    private Targets(int numClasses, NDArray valid, NDArray boxTargets, NDArray foreground,
                    NDArray matchedLabels, NDArray numPos, NDArray matchedBoxes) {
        this.numClasses = numClasses;
        this.valid = valid;
        this.boxTargets = boxTargets;
        this.foreground = foreground;
        this.matchedLabels = matchedLabels;
        this.numPos = numPos;
        this.matchedBoxes = matchedBoxes;
    }

    /** Targets whose {@code clsTargets} are built from {@code matchedLabels} when first asked for. */
    public static Targets withLazyClassTargets(int numClasses, NDArray valid, NDArray boxTargets, NDArray foreground,
                                               NDArray matchedLabels, NDArray numPos, NDArray matchedBoxes) {
        return new Targets(numClasses, valid, boxTargets, foreground, matchedLabels, numPos, matchedBoxes);
    }

    public synchronized NDArray clsTargets() {
        if (clsTargets == null) {
            NDArray classes = matchedLabels.getManager().arange(numClasses)
                    .toType(DataType.INT32, false).toDevice(matchedLabels.getDevice(), false);
            clsTargets = matchedLabels.toType(DataType.INT32, false).expandDims(-1).eq(classes)
                    .toType(DataType.FLOAT32, false);
        }
        return clsTargets;
    }

    public int numClasses() {
        return numClasses;
    }

    public NDArray valid() {
        return valid;
    }

    public NDArray boxTargets() {
        return boxTargets;
    }

    public NDArray foreground() {
        return foreground;
    }

    public NDArray matchedLabels() {
        return matchedLabels;
    }

    public NDArray numPos() {
        return numPos;
    }

    public NDArray matchedBoxes() {
        return matchedBoxes;
    }

    @Override
    public synchronized void close() {
        for (NDArray a : new NDArray[] {clsTargets, valid, boxTargets, foreground, matchedLabels, numPos, matchedBoxes}) {
            if (a != null) {
                a.close();
            }
        }
    }
}
