package dev.retinaj.train;

/**
 * What a checkpoint records besides tensors: the last completed iteration, the resolved config's
 * hash, the loss normaliser's EMA, and the best evaluation so far. The data position and every
 * random draw are pure functions of (seed, iteration), so the iteration is the whole RNG state.
 */
public record CheckpointMeta(long iteration, String configHash, long seed, double emaPositives,
                             String bestMetric, double bestValue, long bestIteration, String createdAt) {}
