package dev.retinaj.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.anchors.ReferenceVectors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NmsTest {

    @Test
    void matchesTorchvisionBatchedNms() {
        JsonNode ref = ReferenceVectors.load("batched_nms");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray boxes = ReferenceVectors.floats(m, ref.get("boxes"));
            NDArray scores = ReferenceVectors.floats(m, ref.get("scores"));
            NDArray labels = ReferenceVectors.ints(m, ref.get("labels"));
            int[] expected = ReferenceVectors.intArray(ref.get("keep_sorted_by_score"));
            int[] keep = Nms.batchedNms(boxes, scores, labels, ref.get("iou_threshold").asDouble());
            assertArrayEquals(expected, keep);
            // stopping early keeps a prefix
            assertArrayEquals(Arrays.copyOf(expected, 10), Nms.batchedNms(boxes, scores, labels, 0.5, 10));
        }
    }

    @Test
    void handCase() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray boxes = m.create(new float[] {
                0, 0, 10, 10, // 0: best of class 0
                1, 0, 11, 10, // 1: IoU 0.82 with 0, same class → dropped
                1, 0, 11, 10, // 2: same box, other class → kept
                0, 0, 10, 20, // 3: IoU exactly 0.5 with 0 → kept (only > threshold suppresses)
                50, 50, 60, 60}, new Shape(5, 4));
            NDArray scores = m.create(new float[] {0.9f, 0.8f, 0.7f, 0.6f, 0.95f});
            NDArray labels = m.create(new int[] {0, 0, 1, 0, 0});
            assertArrayEquals(new int[] {4, 0, 2, 3}, Nms.batchedNms(boxes, scores, labels, 0.5));
            assertArrayEquals(new int[0], Nms.batchedNms(m.zeros(new Shape(0, 4)), m.zeros(new Shape(0)),
                    m.create(new int[0]), 0.5));
        }
    }
}
