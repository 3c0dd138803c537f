package dev.retinaj.model;

import static dev.retinaj.FloatAsserts.assertClose;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** GroupNorm against a float64 computation of its definition (torch.nn.GroupNorm: biased variance, eps 1e-5). */
class GroupNormTest {
    private static final int N = 2;
    private static final int C = 6;
    private static final int G = 3;
    private static final int HW = 5;
    private static final float[] W = {1.5f, -0.5f, 2f, 0.25f, 1f, 3f};
    private static final float[] B = {0.1f, -0.2f, 0.3f, 0f, 1f, -1f};

    /** A GroupNorm(G, C) with weights {@link #W} and biases {@link #B}. */
    private static GroupNorm groupNorm(NDManager m) {
        GroupNorm gn = new GroupNorm(G, C);
        gn.initialize(m, DataType.FLOAT32, new Shape(N, C, HW, 1));
        gn.getParameters().get("weight").getArray().set(W);
        gn.getParameters().get("bias").getArray().set(B);
        return gn;
    }

    /** A seeded N(shift, std²) input [N, C, HW, 1]. */
    private static NDArray input(NDManager m, int seed, float std, float shift) {
        Engine.getInstance().setRandomSeed(seed);
        return m.randomNormal(shift, std, new Shape(N, C, HW, 1), DataType.FLOAT32);
    }

    private static NDArray forward(GroupNorm gn, NDManager m, NDArray x, boolean training) {
        return gn.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow();
    }

    @Test
    void normalisesEachSampleAndGroupThenAppliesThePerChannelAffine() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = input(m, 3, 3, 2);
            float[] y = forward(groupNorm(m), m, x, false).toFloatArray();
            assertClose(reference(x.toFloatArray(), W, B), y, 1e-5, "group norm");
        }
    }

    @Test
    void gradientsMatchTheDefinitionsDerivative() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = input(m, 5, 2, 1);
            NDArray r = input(m, 6, 1, 0);
            GroupNorm gn = groupNorm(m);
            x.setRequiresGradient(true);
            try (var gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(forward(gn, m, x, true).mul(r).sum());
            }
            double[][] ref = referenceGradients(x.toFloatArray(), W, r.toFloatArray());
            assertClose(ref[0], x.getGradient().toFloatArray(), 1e-4, "d/dx");
            assertClose(ref[1], gn.getParameters().get("weight").getArray().getGradient().toFloatArray(), 1e-4, "d/dweight");
            assertClose(ref[2], gn.getParameters().get("bias").getArray().getGradient().toFloatArray(), 1e-4, "d/dbias");
        }
    }

    @Test
    void halfPrecisionInputIsNormalisedInFp32() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray half = dev.retinaj.engine.Casts.to(input(m, 7, 3, 0), DataType.BFLOAT16);
            NDArray y = forward(groupNorm(m), m, half, false);
            org.junit.jupiter.api.Assertions.assertEquals(DataType.FLOAT32, y.getDataType());
            float[] rounded = dev.retinaj.engine.Casts.to(half, DataType.FLOAT32).toFloatArray();
            assertClose(reference(rounded, W, B), y.toFloatArray(), 1e-5, "group norm of bf16 input");
        }
    }

    /** d/dx, d/dweight, d/dbias of sum(y · r) for y = GroupNorm(x), from the closed form, in float64. */
    private static double[][] referenceGradients(float[] x, float[] w, float[] r) {
        double[] gx = new double[x.length];
        double[] gw = new double[C];
        double[] gb = new double[C];
        int perGroup = C / G * HW;
        for (int n = 0; n < N; n++) {
            for (int g = 0; g < G; g++) {
                int start = (n * G + g) * perGroup;
                double mean = mean(x, start, perGroup);
                double sd = Math.sqrt(variance(x, start, perGroup, mean) + Norms.EPS);
                double meanGh = 0;
                double meanGhXhat = 0;
                for (int i = 0; i < perGroup; i++) {
                    int c = (start + i) / HW % C;
                    double xhat = (x[start + i] - mean) / sd;
                    double gh = r[start + i] * w[c];
                    meanGh += gh / perGroup;
                    meanGhXhat += gh * xhat / perGroup;
                    gw[c] += r[start + i] * xhat;
                    gb[c] += r[start + i];
                }
                for (int i = 0; i < perGroup; i++) {
                    int c = (start + i) / HW % C;
                    double xhat = (x[start + i] - mean) / sd;
                    gx[start + i] = (r[start + i] * w[c] - meanGh - xhat * meanGhXhat) / sd;
                }
            }
        }
        return new double[][] {gx, gw, gb};
    }

    private static double[] reference(float[] x, float[] w, float[] b) {
        double[] y = new double[x.length];
        int perGroup = C / G * HW;
        for (int n = 0; n < N; n++) {
            for (int g = 0; g < G; g++) {
                int start = (n * G + g) * perGroup;
                double mean = mean(x, start, perGroup);
                double var = variance(x, start, perGroup, mean);
                for (int i = 0; i < perGroup; i++) {
                    int c = (start + i) / HW % C;
                    y[start + i] = (x[start + i] - mean) / Math.sqrt(var + Norms.EPS) * w[c] + b[c];
                }
            }
        }
        return y;
    }

    private static double mean(float[] x, int start, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += x[start + i];
        }
        return sum / count;
    }

    /** The biased variance, as GroupNorm's. */
    private static double variance(float[] x, int start, int count, double mean) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (x[start + i] - mean) * (x[start + i] - mean);
        }
        return sum / count;
    }
}
