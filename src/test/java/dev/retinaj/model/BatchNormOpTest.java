package dev.retinaj.model;

import static dev.retinaj.FloatAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * BatchNormOp against the definition of training-mode batch norm (batch statistics, biased variance for
 * the output, unbiased for the running variance, torch momentum 0.1), and against DJL's own block.
 */
class BatchNormOpTest {
    private static final int N = 2;
    private static final int C = 3;
    private static final int HW = 4;
    private static final float[] GAMMA = {1.5f, -0.5f, 2f};
    private static final float[] BETA = {0.1f, -0.2f, 0.3f};

    private static BatchNorm batchNorm(NDManager m) {
        BatchNorm bn = (BatchNorm) Norms.create(NormType.BN, C);
        bn.initialize(m, DataType.FLOAT32, new Shape(N, C, HW, 1));
        bn.getParameters().get("gamma").getArray().set(GAMMA);
        bn.getParameters().get("beta").getArray().set(BETA);
        return bn;
    }

    private static NDArray input(NDManager m) {
        Engine.getInstance().setRandomSeed(11);
        return m.randomNormal(2f, 3f, new Shape(N, C, HW, 1), DataType.FLOAT32);
    }

    @Test
    void trainingForwardNormalisesWithBatchStatisticsAndUpdatesTheRunningOnes() {
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm bn = batchNorm(m);
            NDArray x = input(m);
            float[] y = BatchNormOp.forward(bn, new ParameterStore(m, false), x, true).toFloatArray();
            float[] xs = x.toFloatArray();
            double[] mean = new double[C];
            double[] var = new double[C];
            int n = N * HW;
            for (int c = 0; c < C; c++) {
                for (int b = 0; b < N; b++) {
                    for (int i = 0; i < HW; i++) {
                        mean[c] += xs[(b * C + c) * HW + i] / n;
                    }
                }
                for (int b = 0; b < N; b++) {
                    for (int i = 0; i < HW; i++) {
                        double d = xs[(b * C + c) * HW + i] - mean[c];
                        var[c] += d * d / n;
                    }
                }
            }
            double[] expected = new double[y.length];
            for (int b = 0; b < N; b++) {
                for (int c = 0; c < C; c++) {
                    for (int i = 0; i < HW; i++) {
                        int k = (b * C + c) * HW + i;
                        expected[k] = (xs[k] - mean[c]) / Math.sqrt(var[c] + 1e-5) * GAMMA[c] + BETA[c];
                    }
                }
            }
            assertClose(expected, y, 1e-5, "output");
            double[] runMean = new double[C];
            double[] runVar = new double[C];
            for (int c = 0; c < C; c++) {
                runMean[c] = 0.1 * mean[c];                        // from 0
                runVar[c] = 0.9 + 0.1 * var[c] * n / (n - 1);       // from 1, unbiased
            }
            assertClose(runMean, bn.getParameters().get("runningMean").getArray().toFloatArray(), 1e-5, "running mean");
            assertClose(runVar, bn.getParameters().get("runningVar").getArray().toFloatArray(), 1e-5, "running var");
        }
    }

    @Test
    void valuesStatisticsAndGradientsEqualDjlsBlock() {
        float[][][] runs = new float[2][][];
        for (int run = 0; run < 2; run++) {
            try (NDManager m = NDManager.newBaseManager()) {
                BatchNorm bn = batchNorm(m);
                NDArray x = input(m);
                x.setRequiresGradient(true);
                NDArray r = m.arange(N * C * HW).reshape(N, C, HW, 1).toType(DataType.FLOAT32, false);
                ParameterStore ps = new ParameterStore(m, false);
                NDArray y;
                try (var gc = Engine.getInstance().newGradientCollector()) {
                    y = run == 0 ? BatchNormOp.forward(bn, ps, x, true)
                            : bn.forward(ps, new NDList(x), true).singletonOrThrow();
                    gc.backward(y.mul(r).sum());
                }
                var p = bn.getParameters();
                runs[run] = new float[][] {y.toFloatArray(), x.getGradient().toFloatArray(),
                        p.get("gamma").getArray().getGradient().toFloatArray(),
                        p.get("beta").getArray().getGradient().toFloatArray(),
                        p.get("runningMean").getArray().toFloatArray(),
                        p.get("runningVar").getArray().toFloatArray()};
            }
        }
        for (int i = 0; i < runs[0].length; i++) {
            assertArrayEquals(runs[1][i], runs[0][i], 1e-6f, "part " + i);
        }
    }
}
