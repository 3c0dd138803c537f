package dev.retinaj;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Element-wise |a − b| ≤ tol · max(1, |b|): relative above 1 and absolute below. Two float32
 * computations of the same value differ by a few ulps, and an ulp grows with the magnitude, so a
 * fixed absolute tolerance fails on large outputs on one CPU and passes on another.
 */
public final class FloatAsserts {
    private FloatAsserts() {}

    public static void assertClose(double[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol * scale,
                    what + " at " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }

    public static void assertClose(float[] expected, float[] actual, double tol, String what) {
        double[] e = new double[expected.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected[i];
        }
        assertClose(e, actual, tol, what);
    }

    public static void assertClose(float[] expected, float[] actual, double tol) {
        assertClose(expected, actual, tol, "values");
    }
}
