package dev.retinaj.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a checkpoint records besides tensors: the last completed iteration, the resolved config's
 * hash, the loss normaliser's EMA, the best evaluation before it (null if none), and the engine's
 * intra-op thread count (float sums are ordered by it; 0 in checkpoints from before it was recorded). The data
 * position and every random draw are pure functions of (seed, iteration), so the iteration is the
 * whole RNG state. {@code earlyStop} is the early-stopping count (null when it is off).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckpointMeta(long iteration, String configHash, long seed, double emaPositives,
                             CheckpointStore.Best best, String createdAt, int intraOpThreads,
                             EarlyStopState earlyStop) {
    /** {@code train.early_stop}'s count: the best value, its iteration, evaluations since it. */
    public record EarlyStopState(double best, long bestIteration, int sinceBest) {}
}
