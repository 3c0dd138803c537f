package dev.retinaj.eval;

/** One precision-recall curve (equal-length arrays) with a legend label. */
public record PrCurve(String label, double[] recall, double[] precision) {
    public PrCurve {
        if (recall.length != precision.length) {
            throw new IllegalArgumentException("recall and precision disagree in length");
        }
    }
}
