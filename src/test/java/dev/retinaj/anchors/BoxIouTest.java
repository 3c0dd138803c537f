package dev.retinaj.anchors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class BoxIouTest {
    @Test
    void pairwiseIouByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {0, 0, 10, 10, 0, 0, 20, 10}, new Shape(2, 4));
            NDArray b = m.create(new float[] {5, 5, 15, 15, 0, 0, 10, 10, 30, 30, 40, 40}, new Shape(3, 4));
            NDArray iou = BoxIou.iou(a, b);
            assertEquals(new Shape(2, 3), iou.getShape());
            assertArrayEquals(new float[] {25f / 175, 1f, 0f, 50f / 250, 100f / 200, 0f}, iou.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void batchedLeadingDimsBroadcast() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray gt = m.create(new float[] {0, 0, 10, 10, 5, 5, 15, 15}, new Shape(2, 1, 4));
            NDArray anchors = m.create(new float[] {0, 0, 10, 10, 5, 5, 15, 15}, new Shape(2, 4));
            NDArray iou = BoxIou.iou(gt, anchors);
            assertEquals(new Shape(2, 1, 2), iou.getShape());
            assertArrayEquals(new float[] {1f, 25f / 175, 25f / 175, 1f}, iou.toFloatArray(), 1e-6f);
        }
    }
}
