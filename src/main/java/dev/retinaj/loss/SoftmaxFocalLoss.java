package dev.retinaj.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.retinaj.engine.Scalars;

/**
 * Multi-class focal loss, element-wise over rows: −α[y] (1 − p_y)^γ log p_y with p = softmax(x),
 * as the reference vectors of SoftmaxFocalLossTest define it. log p_y comes from log-softmax;
 * 1 − p_y is floored at 1e-12 before the power so gradients stay finite for γ &lt; 1 when p_y → 1.
 */
public final class SoftmaxFocalLoss {
    private static final float MIN_ONE_MINUS_P = 1e-12f;

    private SoftmaxFocalLoss() {}

    /**
     * @param logits [..., C]
     * @param labels [...] integer class indices in 0..C−1
     * @param alpha  [C] per-class weights, or null for none
     * @return [...] per-row losses
     */
    public static NDArray elementwise(NDArray logits, NDArray labels, NDArray alpha, double gamma) {
        NDArray idx = labels.toType(DataType.INT64, false).expandDims(-1);
        NDArray logp = logits.logSoftmax(-1).gather(idx, -1).squeeze(-1);
        NDArray loss = logp.neg();
        if (gamma != 0) {
            NDArray oneMinusP = Scalars.MAXIMUM.apply(logp.exp().neg().add(1f), MIN_ONE_MINUS_P);
            loss = loss.mul(Scalars.POW.apply(oneMinusP, (float) gamma));
        }
        if (alpha != null) {
            loss = loss.mul(alpha.get(labels.toType(DataType.INT64, false).flatten()).reshape(labels.getShape()));
        }
        return loss;
    }
}
