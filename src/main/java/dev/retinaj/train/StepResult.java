package dev.retinaj.train;

import java.util.Map;

/**
 * What one training iteration did: its learning rate, losses (NaN when skipped before computing
 * them), gradient norm, whether the update was applied, and how long it took. A skipped step
 * carries the {@link NonFiniteReport} of why.
 */
public record StepResult(long iteration, double lr, Losses losses, double gradNorm, boolean applied, Seconds seconds,
                         Map<String, Object> diagnostic) {
    /** Batch-weighted losses and the number of positive anchors. */
    public record Losses(float total, float cls, float box, float numPos) {}

    /** Waiting for the batch, and the step itself. */
    public record Seconds(double data, double compute) {}
}
