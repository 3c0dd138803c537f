package dev.retinaj.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Raw RetinaNet head outputs over all levels, laid out as docs/conventions.md says: level-major (P3 first),
 * then row y, column x, then the A anchors of a location. {@code clsLogits} is [B, A_total, K],
 * {@code boxDeltas} [B, A_total, 4]; {@code levels} lists each level's feature-map shape, so
 * A_total = Σ H·W·A.
 */
public record HeadOutputs(NDArray clsLogits, NDArray boxDeltas, List<LevelShape> levels, int anchorsPerLocation) {
    public HeadOutputs {
        levels = List.copyOf(levels);
    }
}
