package dev.retinaj.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.retinaj.config.Precision;
import dev.retinaj.engine.Casts;
import dev.retinaj.engine.PrecisionSupport;
import org.junit.jupiter.api.Test;

/** Conv under mixed precision on the shapes where oneDNN's bf16 weight gradient goes wrong. */
class ConvTest {
    /** The weight gradient of sum(conv(x)) in the given compute type, after freeing memory full of 1e30. */
    private static float[] weightGradient(DataType compute, long h, long w) {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int k = 0; k < 4; k++) {
                m.full(new Shape(1 << 20), 1e30f).close(); // what a kernel reading uninitialised memory would see
            }
            Engine.getInstance().setRandomSeed(3);
            Conv c = Conv.square(16, 3, 2, true);
            c.initialize(m, DataType.FLOAT32, new Shape(2, 16, h, w));
            c.setComputeType(compute);
            NDArray x = m.randomNormal(new Shape(2, 16, h, w));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = c.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                gc.backward(Casts.to(y, DataType.FLOAT32).sum());
            }
            return c.getParameters().get("weight").getArray().getGradient().toFloatArray();
        }
    }

    @Test
    void bf16WeightGradientOfAStridedConvOnAOnePixelInputEqualsFp32s() {
        assumeTrue(PrecisionSupport.lack(Precision.BF16, Device.cpu()) == null, "this CPU has no native bf16");
        for (long[] hw : new long[][] {{1, 1}, {1, 3}, {3, 1}, {3, 3}}) {
            float[] fp32 = weightGradient(DataType.FLOAT32, hw[0], hw[1]);
            float[] bf16 = weightGradient(DataType.BFLOAT16, hw[0], hw[1]);
            double worst = 0;
            for (int i = 0; i < fp32.length; i++) {
                worst = Math.max(worst, Math.abs(bf16[i] - fp32[i]) / (Math.abs(fp32[i]) + 0.1));
            }
            // d/dw of sum(conv(x)) is a sum of input values: bf16 inputs round them by 2^-8 relative
            assertTrue(worst < 0.05, hw[0] + "x" + hw[1] + " input: bf16 weight gradient off by " + worst);
        }
    }
}
