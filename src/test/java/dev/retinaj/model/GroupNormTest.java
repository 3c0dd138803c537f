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

    @Test
    void normalisesEachSampleAndGroupThenAppliesThePerChannelAffine() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            GroupNorm gn = new GroupNorm(G, C);
            gn.initialize(m, DataType.FLOAT32, new Shape(N, C, HW, 1));
            float[] w = {1.5f, -0.5f, 2f, 0.25f, 1f, 3f};
            float[] b = {0.1f, -0.2f, 0.3f, 0f, 1f, -1f};
            gn.getParameters().get("weight").getArray().set(w);
            gn.getParameters().get("bias").getArray().set(b);
            NDArray x = m.randomNormal(0, 3, new Shape(N, C, HW, 1), DataType.FLOAT32).add(2f);
            float[] y = gn.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            assertClose(reference(x.toFloatArray(), w, b), y, 1e-5, "group norm");
        }
    }

    private static double[] reference(float[] x, float[] w, float[] b) {
        double[] y = new double[x.length];
        int perGroup = C / G * HW;
        for (int n = 0; n < N; n++) {
            for (int g = 0; g < G; g++) {
                int start = (n * G + g) * perGroup;
                double mean = 0;
                for (int i = 0; i < perGroup; i++) {
                    mean += x[start + i];
                }
                mean /= perGroup;
                double var = 0;
                for (int i = 0; i < perGroup; i++) {
                    var += (x[start + i] - mean) * (x[start + i] - mean);
                }
                var /= perGroup;
                for (int i = 0; i < perGroup; i++) {
                    int c = (start + i) / HW % C;
                    y[start + i] = (x[start + i] - mean) / Math.sqrt(var + Norms.EPS) * w[c] + b[c];
                }
            }
        }
        return y;
    }
}
