package dev.retinaj.train;

/** What one training iteration did; losses are NaN when it was skipped before computing them. */
public record StepResult(long iteration, double lr, float loss, float lossCls, float lossBox, float numPos,
                         double gradNorm, boolean applied, double dataSeconds, double computeSeconds) {
    public boolean finite() {
        return Float.isFinite(loss) && Double.isFinite(gradNorm);
    }
}
