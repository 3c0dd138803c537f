package dev.retinaj.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a checkpoint records besides tensors: the last completed iteration, the resolved config's
 * hash, the loss normaliser's EMA, and the best evaluation before it (null if none). The data
 * position and every random draw are pure functions of (seed, iteration), so the iteration is the
 * whole RNG state. {@code earlyStop} is the early-stopping count (null when it is off).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckpointMeta(long iteration, String configHash, long seed, double emaPositives,
                             CheckpointStore.Best best, String createdAt, EarlyStopState earlyStop) {
    /** {@code train.early_stop}'s count: the best value, its iteration, evaluations since it. */
    public record EarlyStopState(double best, long bestIteration, int sinceBest) {}
}
