package dev.retinaj.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.retinaj.FloatAsserts;
import java.util.function.Function;

/** Tolerances and gradient checks shared by the loss tests. */
final class LossAsserts {
    private LossAsserts() {}

    /**
     * torchvision's float32 reference computes 1 − σ(x) by subtraction, so its tiny losses carry
     * relative errors up to ~6e-4 (checked against float64); below 1 the comparison is therefore absolute.
     */
    static void assertClose(double[] expected, float[] actual, double tol) {
        FloatAsserts.assertClose(expected, actual, tol, "loss");
    }

    static void assertRelative(double expected, double actual, double tol) {
        assertTrue(Math.abs(expected - actual) <= tol * Math.abs(expected),
                "expected " + expected + ", got " + actual);
    }

    /** Gradient of sum(f(x)) with respect to the leaf x. */
    static float[] gradient(NDArray x, Function<NDArray, NDArray> f) {
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(f.apply(x).sum());
        }
        return x.getGradient().toFloatArray();
    }

    static void assertFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            assertTrue(Float.isFinite(values[i]), what + " not finite at " + i + ": " + values[i]);
        }
    }
}
