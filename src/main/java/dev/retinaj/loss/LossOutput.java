package dev.retinaj.loss;

import ai.djl.ndarray.NDArray;

/**
 * Scalar loss components of one batch: {@code total = cls + box}, where {@code cls} and
 * {@code box} already carry their {@code loss.*.weight}; {@code numPos} is the number of
 * foreground anchors in the batch.
 */
public record LossOutput(NDArray total, NDArray cls, NDArray box, NDArray numPos) {}
