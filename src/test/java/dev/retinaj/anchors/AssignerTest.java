package dev.retinaj.anchors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.config.AssignerConfig;
import dev.retinaj.model.LevelShape;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssignerTest {
    private static final Assigner ASSIGNER = new Assigner(new AssignerConfig(0.5, 0.4, true));

    @Test
    void matchesTorchvisionMatcher() {
        JsonNode ref = ReferenceVectors.load("matcher");
        JsonNode anchorsRef = ReferenceVectors.load("anchors");
        AnchorGenerator gen = new AnchorGenerator(AnchorGeneratorTest.torchvisionSizes(anchorsRef));
        List<LevelShape> levels = AnchorGenerator.levelShapes(256, 256, List.of(8, 16, 32, 64, 128));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = gen.anchors(m, levels);
            NDArray gt = ReferenceVectors.floats(m, ref.get("gt_boxes"));
            int g = (int) gt.getShape().get(0);
            // label = GT index, so matched labels are torchvision's match indices
            NDArray labels = m.arange(g).toType(DataType.INT32, false).expandDims(0);
            NDArray ignore = m.zeros(new Shape(1, g), DataType.BOOLEAN);
            Targets t = ASSIGNER.assign(anchors, gt.expandDims(0), labels, ignore, g);
            int[] expected = ReferenceVectors.intArray(ref.get("matches"));
            assertArrayEquals(expected, t.matchedLabels().toIntArray());
            long fg = java.util.Arrays.stream(expected).filter(v -> v >= 0).count();
            assertEquals(fg, t.numPos().getFloat(0), 0);
            assertEquals(fg, t.clsTargets().sum().getFloat(), 0);
        }
    }

    private static NDArray boxes(NDManager m, float[] v, long... shape) {
        return m.create(v, new Shape(shape));
    }

    @Test
    void handBuiltTwoImageBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = boxes(m, new float[] {
                0, 0, 10, 10, // a0
                0, 0, 10, 20, // a1
                20, 20, 30, 30, // a2
                100, 100, 110, 110, // a3
                50, 50, 60, 60, // a4
                0, 0, 9, 10, // a5
                0, 0, 10, 22}, 7, 4); // a6
            NDArray gt = boxes(m, new float[] {
                // image 0: two objects and a padding row
                0, 0, 10, 10, 20, 20, 32, 30, 0, 0, 0, 0,
                // image 1: one object, one crowd box, a padding row
                50, 50, 75, 75, 0, 0, 12, 12, 0, 0, 0, 0}, 2, 3, 4);
            NDArray labels = m.create(new int[] {3, 1, -1, 2, 0, -1}, new Shape(2, 3));
            NDArray ignore = m.create(new boolean[] {false, false, false, false, true, false}, new Shape(2, 3));
            Targets t = ASSIGNER.assign(anchors, gt, labels, ignore, 4);

            // image 0: a0, a1 (IoU 0.5), a5 match the first box, a2 the second, a6 (IoU 0.45) ignored
            // image 1: a4 matches only as its GT's best anchor (IoU 0.16); the crowd box ignores a0, a1, a5, a6
            assertArrayEquals(new int[] {3, 3, 1, -1, -1, 3, -2, -2, -2, -1, -1, 2, -2, -2},
                    t.matchedLabels().toIntArray());
            assertArrayEquals(new boolean[] {true, true, true, true, true, true, false,
                                             false, false, true, true, true, false, false},
                    t.valid().toBooleanArray());
            assertArrayEquals(new float[] {4, 1}, t.numPos().toFloatArray());
            assertEquals(new Shape(2, 7, 4), t.clsTargets().getShape());
            assertArrayEquals(new float[] {0, 0, 1, 0}, t.clsTargets().get(1, 4).toFloatArray());
            assertArrayEquals(new float[] {0, 0, 0, 0}, t.clsTargets().get(1, 3).toFloatArray());
            assertArrayEquals(new float[] {0, 0, 0, 0}, t.clsTargets().get(0, 6).toFloatArray());
            // a4 → [50, 50, 75, 75]: centre 55 → 62.5 over width 10, width 10 → 25
            float l = (float) Math.log(2.5);
            assertArrayEquals(new float[] {0.75f, 0.75f, l, l}, t.boxTargets().get(1, 4).toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {50, 50, 75, 75}, t.matchedBoxes().get(1, 4).toFloatArray());
            assertArrayEquals(new float[] {0, 0, 0, 0}, t.boxTargets().get(1, 3).toFloatArray());
            assertArrayEquals(new float[] {0, 0, 0, 0}, t.boxTargets().get(0, 0).toFloatArray(), 1e-7f);
        }
    }

    @Test
    void lowQualityMatchesNeverTakeZeroIouAnchors() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = boxes(m, new float[] {0, 0, 10, 10, 20, 20, 30, 30}, 2, 4);
            NDArray gt = boxes(m, new float[] {200, 200, 210, 210}, 1, 1, 4);
            Targets t = ASSIGNER.assign(anchors, gt, m.create(new int[] {0}, new Shape(1, 1)),
                    m.zeros(new Shape(1, 1), DataType.BOOLEAN), 2);
            assertArrayEquals(new int[] {-1, -1}, t.matchedLabels().toIntArray());
            assertEquals(0f, t.numPos().getFloat(0));
        }
    }

    @Test
    void imagesWithoutBoxesAreAllBackground() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray anchors = boxes(m, new float[] {0, 0, 10, 10, 20, 20, 30, 30}, 2, 4);
            for (int g : new int[] {0, 2}) {
                NDArray gt = m.zeros(new Shape(2, g, 4));
                NDArray labels = m.full(new Shape(2, g), -1, DataType.INT32);
                Targets t = ASSIGNER.assign(anchors, gt, labels, m.zeros(new Shape(2, g), DataType.BOOLEAN), 3);
                assertArrayEquals(new int[] {-1, -1, -1, -1}, t.matchedLabels().toIntArray(), "G=" + g);
                assertArrayEquals(new boolean[] {true, true, true, true}, t.valid().toBooleanArray());
                assertEquals(0f, t.clsTargets().sum().getFloat());
                assertEquals(new Shape(2, 2, 3), t.clsTargets().getShape());
                assertArrayEquals(new float[] {0, 0}, t.numPos().toFloatArray());
                assertEquals(0f, t.boxTargets().abs().sum().getFloat());
            }
        }
    }
}
