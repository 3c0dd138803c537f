package dev.retinaj.model;

import static dev.retinaj.FloatAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A folded conv + norm against the two blocks run one after the other. */
class NormFoldingTest {
    @Test
    void batchNormOutsideTrainingFoldsToTheSameOutput() {
        try (NDManager m = NDManager.newBaseManager()) {
            ConvNormAct c = new ConvNormAct(3, 5, 3, 2, NormType.BN, false, null);
            c.initialize(m, DataType.FLOAT32, new Shape(1, 3, 9, 9));
            Block bn = c.getChildren().valueAt(1);
            setStatistics(bn.getDirectParameters().toMap(), "gamma", "beta", "runningMean", "runningVar", m);
            ParameterStore ps = new ParameterStore(m, false);
            Engine.getInstance().setRandomSeed(7);
            NDArray x = m.randomNormal(new Shape(2, 3, 9, 9));
            assertNotNull(NormFolding.of(bn, ps, x, false));
            assertNull(NormFolding.of(bn, ps, x, true), "batch statistics cannot be folded");
            NDArray folded = c.forward(ps, new NDList(x), false).singletonOrThrow();
            NDArray ref = bn.forward(ps, c.conv().forward(ps, new NDList(x), false), false).singletonOrThrow();
            assertClose(ref.toFloatArray(), folded.toFloatArray(), 1e-5, "folded output");
        }
    }

    @Test
    void frozenBatchNormFoldsInTrainingWithTheSameGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            ConvNormAct c = new ConvNormAct(3, 4, 3, 1, NormType.FROZEN_BN, true, null);
            c.initialize(m, DataType.FLOAT32, new Shape(1, 3, 6, 6));
            Block frozen = c.getChildren().valueAt(1);
            setStatistics(frozen.getDirectParameters().toMap(), "weight", "bias", "running_mean", "running_var", m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 3, 6, 6));
            NDArray w = c.conv().getDirectParameters().get("weight").getArray();
            float[][] out = new float[2][];
            float[][] grad = new float[2][];
            for (int run = 0; run < 2; run++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = run == 0 ? c.forward(ps, new NDList(x), true).singletonOrThrow()
                            : ai.djl.nn.Activation.relu(frozen.forward(ps, c.conv().forward(ps, new NDList(x), true), true)
                                    .singletonOrThrow());
                    out[run] = y.toFloatArray();
                    gc.backward(y.mul(y).sum());
                }
                grad[run] = w.getGradient().toFloatArray(); // accumulated: run 1 holds both runs' sum
            }
            for (int i = 0; i < grad[1].length; i++) {
                grad[1][i] -= grad[0][i];
            }
            assertClose(out[1], out[0], 1e-5, "folded output");
            // a weight's gradient sums terms of both signs: its rounding scales with the largest gradient, not its own
            double largest = 0;
            for (float g : grad[0]) {
                largest = Math.max(largest, Math.abs(g));
            }
            assertClose(grad[1], grad[0], 1e-4 * Math.max(1, largest), "folded gradient");
        }
    }

    private static void setStatistics(Map<String, Parameter> p, String w, String b, String mean, String var, NDManager m) {
        p.get(w).getArray().set(values(p.get(w), 1.5f, 0.5f, -1f, 2f, 0.8f));
        p.get(b).getArray().set(values(p.get(b), 0.1f, -0.2f, 0.3f, 0f, 1f));
        p.get(mean).getArray().set(values(p.get(mean), 0.2f, -0.5f, 1f, 0.05f, -1f));
        p.get(var).getArray().set(values(p.get(var), 0.5f, 2f, 1.5f, 0.1f, 3f));
    }

    private static float[] values(Parameter p, float... v) {
        return java.util.Arrays.copyOf(v, (int) p.getArray().size());
    }
}
