package dev.retinaj.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.retinaj.config.Precision;
import dev.retinaj.engine.PrecisionSupport;
import org.junit.jupiter.api.Test;

/** The same network in fp32 and with bf16 convolutions: fp32 outputs of close value, and fp32 gradients. */
class MixedPrecisionTest {
    @Test
    void bf16ConvolutionsGiveCloseFp32OutputsAndGradientsOnTheMasterWeights() {
        assumeTrue(PrecisionSupport.lack(Precision.BF16, Device.cpu()) == null, "this CPU has no native bf16");
        RetinaNet net = RetinaNetFactory.build(RetinaNetTest.config(), 3);
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 64, 64));
            double[] sums = new double[2];
            float[][] cls = new float[2][];
            Parameter w = net.head().classifierOutput().getDirectParameters().get("weight");
            float[][] grads = new float[2][];
            for (int run = 0; run < 2; run++) {
                net.setComputeType(run == 0 ? DataType.FLOAT32 : DataType.BFLOAT16);
                try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    x.tempAttach(step);
                    NDList out = net.forward(ps, new NDList(x), true);
                    assertEquals(DataType.FLOAT32, out.get(0).getDataType());
                    cls[run] = out.get(0).toFloatArray();
                    NDArray loss = out.get(0).square().mean().add(out.get(1).square().mean());
                    sums[run] = loss.getFloat();
                    gc.backward(loss);
                }
                grads[run] = w.getArray().getGradient().toFloatArray();
            }
            net.setComputeType(DataType.FLOAT32);
            assertEquals(DataType.FLOAT32, w.getArray().getDataType(), "the master weights stay fp32");
            assertEquals(sums[0], sums[1], 0.02 * Math.abs(sums[0]));
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < cls[0].length; i++) {
                diff += Math.abs(cls[0][i] - cls[1][i]);
                norm += Math.abs(cls[0][i]);
            }
            assertTrue(diff / norm < 0.02, "mean relative difference of the logits " + diff / norm);
            double dot = 0;
            double n0 = 0;
            double n1 = 0;
            for (int i = 0; i < grads[0].length; i++) {
                float g1 = grads[1][i] - grads[0][i]; // the gradient accumulates over both runs
                dot += grads[0][i] * g1;
                n0 += grads[0][i] * grads[0][i];
                n1 += g1 * g1;
            }
            assertTrue(n1 > 0, "the bf16 run reaches the fp32 weights");
            assertTrue(dot / Math.sqrt(n0 * n1) > 0.99, "gradient direction cosine " + dot / Math.sqrt(n0 * n1));
        }
    }
}
