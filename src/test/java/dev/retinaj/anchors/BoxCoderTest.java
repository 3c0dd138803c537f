package dev.retinaj.anchors;

import static dev.retinaj.FloatAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class BoxCoderTest {

    @Test
    void encodeAndDecodeMatchTorchvision() {
        JsonNode ref = ReferenceVectors.load("box_coder");
        assertEquals(BoxCoder.DEFAULT_CLIP, ref.get("clip").asDouble(), 1e-12);
        BoxCoder coder = new BoxCoder();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = ReferenceVectors.floats(m, ref.get("anchors"));
            NDArray gt = ReferenceVectors.floats(m, ref.get("gt"));
            NDArray deltas = ReferenceVectors.floats(m, ref.get("deltas"));
            assertClose(ReferenceVectors.floats(m, ref.get("encoded")).toFloatArray(),
                    coder.encode(anchors, gt).toFloatArray(), 1e-5);
            float[] decoded = ReferenceVectors.floats(m, ref.get("decoded")).toFloatArray();
            assertClose(decoded, coder.decode(anchors, deltas).toFloatArray(), 1e-5);

            // batched: anchors [1, N, 4] broadcast against deltas [2, N, 4]
            NDArray twice = NDArrays.stack(new NDList(deltas, deltas), 0);
            NDArray dec2 = coder.decode(anchors.expandDims(0), twice);
            assertEquals(new ai.djl.ndarray.types.Shape(2, 64, 4), dec2.getShape());
            assertClose(decoded, dec2.get(1).toFloatArray(), 1e-5);
        }
    }

    @Test
    void roundTripWithWeights() {
        BoxCoder coder = new BoxCoder(new double[] {10, 10, 5, 5});
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = m.create(new float[] {0, 0, 10, 20, 5, 5, 50, 30}, new ai.djl.ndarray.types.Shape(2, 4));
            NDArray boxes = m.create(new float[] {1, 2, 12, 18, 0, 10, 60, 40}, new ai.djl.ndarray.types.Shape(2, 4));
            NDArray enc = coder.encode(anchors, boxes);
            // dx of the first pair: 10 · (6.5 − 5) / 10
            assertEquals(1.5f, enc.getFloat(0, 0), 1e-5);
            assertEquals(5 * Math.log(11.0 / 10), enc.getFloat(0, 2), 1e-5);
            assertClose(boxes.toFloatArray(), coder.decode(anchors, enc).toFloatArray(), 1e-5);
        }
    }
}
