package dev.retinaj.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class CastsTest {
    @Test
    void bf16RoundsToEightSignificantBitsAndBack() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 1 + 2^-9 is not a bf16 (7 stored mantissa bits): it rounds to 1; 1 + 2^-7 is one
            NDArray x = m.create(new float[] {1f + 0x1p-9f, 1f + 0x1p-7f, -3.25f, 65504f});
            NDArray b = Casts.to(x, DataType.BFLOAT16);
            assertEquals(DataType.BFLOAT16, Casts.typeOf(b));
            assertSame(b, Casts.to(b, DataType.BFLOAT16));
            NDArray back = Casts.to(b, DataType.FLOAT32);
            assertEquals(DataType.FLOAT32, back.getDataType());
            assertArrayEquals(new float[] {1f, 1f + 0x1p-7f, -3.25f, 65536f}, back.toFloatArray());
            assertSame(x, Casts.to(x, DataType.FLOAT32));
        }
    }

    @Test
    void castsAreDifferentiable() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {0.5f, -2f, 3f});
            w.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray half = Casts.to(w, DataType.BFLOAT16).mul(3f);
                NDArray loss = Casts.to(half, DataType.FLOAT32).square().sum(); // Σ (3w)² → d/dw = 18 w
                gc.backward(loss);
            }
            assertArrayEquals(new float[] {9f, -36f, 54f}, w.getGradient().toFloatArray(), 1e-6f);
        }
    }
}
