package dev.retinaj.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * Scalar loss components of one batch: {@code total = cls + box}, where {@code cls} and
 * {@code box} already carry their {@code loss.*.weight}; {@code numPos} is the number of
 * foreground anchors in the batch.
 */
public record LossOutput(NDArray total, NDArray cls, NDArray box, NDArray numPos) {
    /** {total, cls, box, numPos} read back in one transfer (a GPU waits once, not four times). */
    public float[] values() {
        NDList parts = new NDList(total, cls, box, numPos.toType(DataType.FLOAT32, false));
        try (NDArray packed = NDArrays.stack(parts)) {
            return packed.toFloatArray();
        }
    }
}
