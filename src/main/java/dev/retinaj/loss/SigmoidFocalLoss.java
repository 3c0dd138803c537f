package dev.retinaj.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.retinaj.engine.Scalars;

/**
 * Sigmoid focal loss, element-wise: −α_t (1 − p_t)^γ log p_t with p = σ(x), computed from logits
 * without log(0): log p_t comes from softplus (BCE with logits), and for targets t ∈ {0, 1}
 * 1 − p_t = σ(x (1 − 2t)), so the modulating factor is exp(−γ · softplus(−x (1 − 2t))). That keeps
 * values and gradients finite for any γ ≥ 0 and logits of ±100, where torchvision's
 * (1 − p_t)^γ would lose precision (1 − σ(x) in float32) or give NaN gradients for γ &lt; 1.
 */
public final class SigmoidFocalLoss {
    private SigmoidFocalLoss() {}

    /**
     * @param alpha weight of positives (1 − α for negatives); negative = no α weighting. γ = 0
     *              with α &lt; 0 is plain BCE.
     */
    public static NDArray elementwise(NDArray logits, NDArray targets, double alpha, double gamma) {
        NDArray loss = unweighted(logits, targets, gamma);
        if (alpha < 0) {
            return loss;
        }
        NDArray alphaT = Scalars.MUL.apply(targets, (float) alpha)
                .add(Scalars.MUL.apply(targets.neg().add(1f), (float) (1 - alpha)));
        return loss.mul(alphaT);
    }

    /** As {@link #elementwise(NDArray, NDArray, double, double)} with one α per class: alpha [K]. */
    public static NDArray elementwise(NDArray logits, NDArray targets, NDArray alpha, double gamma) {
        NDArray loss = unweighted(logits, targets, gamma);
        NDArray alphaT = targets.mul(alpha).add(targets.neg().add(1f).mul(alpha.neg().add(1f)));
        return loss.mul(alphaT);
    }

    /** (1 − p_t)^γ · BCE(x, t). */
    private static NDArray unweighted(NDArray logits, NDArray targets, double gamma) {
        NDArray ce = Activation.softPlus(logits).sub(logits.mul(targets));
        if (gamma == 0) {
            return ce;
        }
        NDArray z = logits.mul(Scalars.MUL.apply(targets, -2f).add(1f)); // 1 − p_t = σ(z) for hard targets
        NDArray modulating = Scalars.MUL.apply(Activation.softPlus(z.neg()), (float) -gamma).exp();
        return ce.mul(modulating);
    }
}
