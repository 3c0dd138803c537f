package dev.retinaj.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.retinaj.anchors.BoxIou;

/**
 * Class-wise greedy non-maximum suppression with torchvision's batched_nms semantics: boxes are
 * visited in descending score order, and a box is dropped when its IoU with a kept box of the same
 * label is greater than the threshold. IoU rows are computed on the engine, a block of sorted
 * candidates at a time; only the greedy walk over the (few thousand) candidates runs in Java.
 */
public final class Nms {
    private static final int BLOCK = 512;

    private Nms() {}

    /** Indices of the kept boxes, highest score first. */
    public static int[] batchedNms(NDArray boxes, NDArray scores, NDArray labels, double iou) {
        return batchedNms(boxes, scores, labels, iou, Integer.MAX_VALUE);
    }

    /** As {@link #batchedNms(NDArray, NDArray, NDArray, double)}, stopping after {@code maxKeep} boxes. */
    public static int[] batchedNms(NDArray boxes, NDArray scores, NDArray labels, double iou, int maxKeep) {
        int n = (int) scores.getShape().get(0);
        if (n == 0 || maxKeep <= 0) {
            return new int[0];
        }
        try (NDManager sub = boxes.getManager().newSubManager()) {
            boxes.tempAttach(sub);
            scores.tempAttach(sub);
            labels.tempAttach(sub);
            NDArray order = scores.argSort(0, false);
            long[] orderHost = order.toLongArray();
            NDArray sortedBoxes = boxes.get(order);
            NDArray sortedLabels = labels.toType(DataType.INT64, false).get(order);
            boolean[] removed = new boolean[n];
            int[] keep = new int[Math.min(n, maxKeep)];
            int kept = 0;
            for (int start = 0; start < n && kept < keep.length; start += BLOCK) {
                int end = Math.min(n, start + BLOCK);
                NDArray rows = sortedBoxes.get(start + ":" + end);
                NDArray cols = sortedBoxes.get(start + ":");
                NDArray sameLabel = sortedLabels.get(start + ":" + end).expandDims(1)
                        .eq(sortedLabels.get(start + ":").expandDims(0));
                boolean[] suppress = BoxIou.iou(rows, cols).gt((float) iou).logicalAnd(sameLabel).toBooleanArray();
                int width = n - start;
                for (int i = start; i < end && kept < keep.length; i++) {
                    if (removed[i]) {
                        continue;
                    }
                    keep[kept++] = (int) orderHost[i];
                    int row = (i - start) * width - start;
                    for (int j = i + 1; j < n; j++) {
                        if (suppress[row + j]) {
                            removed[j] = true;
                        }
                    }
                }
            }
            return java.util.Arrays.copyOf(keep, kept);
        }
    }
}
