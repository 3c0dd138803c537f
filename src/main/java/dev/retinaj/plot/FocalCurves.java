package dev.retinaj.plot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.retinaj.engine.HostArrays;
import dev.retinaj.loss.SigmoidFocalLoss;
import java.util.List;
import java.util.Locale;

/**
 * The focal loss against the probability of the ground-truth class p_t, one curve per γ (the
 * RetinaNet paper's Figure 1; γ = 0 is cross entropy). The values come from the project's own
 * sigmoid focal loss with a positive target, logit = log(p_t / (1 − p_t)) and no α weighting.
 */
public final class FocalCurves {
    private FocalCurves() {}

    /** Evenly spaced p_t in [lo, hi]. */
    public static double[] grid(int n, double lo, double hi) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = lo + (hi - lo) * i / (n - 1);
        }
        return p;
    }

    /** Loss at each p_t for one γ, computed by {@link SigmoidFocalLoss}. */
    public static double[] loss(NDManager m, double[] pt, double gamma) {
        float[] logits = new float[pt.length];
        float[] ones = new float[pt.length];
        for (int i = 0; i < pt.length; i++) {
            logits[i] = (float) Math.log(pt[i] / (1 - pt[i]));
            ones[i] = 1f;
        }
        try (NDManager sub = m.newSubManager()) {
            NDArray l = SigmoidFocalLoss.elementwise(HostArrays.of(sub, logits), HostArrays.of(sub, ones), -1, gamma);
            float[] f = l.toFloatArray();
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
    }

    public static LinePlot plot(NDManager m, List<Double> gammas) {
        double[] pt = grid(400, 0.001, 0.999);
        LinePlot plot = new LinePlot("Focal loss FL(p_t) = -(1 - p_t)^γ log(p_t)", "probability of ground truth class p_t",
                "loss").yRange(0, 5);
        for (double g : gammas) {
            String name = g == 0 ? "γ = 0 (CE)" : String.format(Locale.ROOT, "γ = %s", trim(g));
            plot.add(name, pt, loss(m, pt, g));
        }
        return plot;
    }

    private static String trim(double g) {
        return g == Math.rint(g) ? Long.toString((long) g) : Double.toString(g);
    }
}
