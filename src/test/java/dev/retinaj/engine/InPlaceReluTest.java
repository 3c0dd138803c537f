package dev.retinaj.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class InPlaceReluTest {
    @Test
    void valuesAreMaxOfXAndZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-2f, -0f, 0.5f, 3f, -1e-7f, 7f}, new Shape(1, 2, 3));
            assertArrayEquals(new float[] {0f, 0f, 0.5f, 3f, 0f, 7f}, InPlaceRelu.apply(x).toFloatArray(), 0f);
        }
    }

    /** d/dw sum(relu(w · x)²) through the in-place ReLU equals it through DJL's out-of-place one. */
    @Test
    void gradientEqualsTheOutOfPlaceRelu() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, -2f, 3f, -4f, 0.5f, 2f}, new Shape(2, 3));
            float[][] grads = new float[2][];
            for (int run = 0; run < 2; run++) {
                NDArray w = m.create(new float[] {0.5f, -1f, 2f}, new Shape(3));
                w.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray z = x.mul(w);
                    NDArray r = run == 0 ? InPlaceRelu.apply(z) : ai.djl.nn.Activation.relu(z);
                    gc.backward(r.mul(r).sum());
                }
                grads[run] = w.getGradient().toFloatArray();
            }
            // by hand: z = [0.5, 2, 6; -2, -0.5, 4]; dL/dw_j = sum_i 2 relu(z_ij) x_ij
            assertArrayEquals(new float[] {1f, -8f, 52f}, grads[0], 1e-6f);
            assertArrayEquals(grads[1], grads[0], 0f);
        }
    }
}
