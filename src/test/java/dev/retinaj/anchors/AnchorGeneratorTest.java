package dev.retinaj.anchors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.config.ModelConfig;
import dev.retinaj.model.LevelShape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnchorGeneratorTest {

    static ModelConfig.AnchorConfig torchvisionSizes(JsonNode ref) {
        List<List<Double>> levelSizes = new ArrayList<>();
        for (JsonNode l : ref.get("sizes")) {
            List<Double> s = new ArrayList<>();
            l.forEach(v -> s.add(v.asDouble()));
            levelSizes.add(s);
        }
        return new ModelConfig.AnchorConfig(List.of(8, 16, 32, 64, 128), List.of(32.0, 64.0, 128.0, 256.0, 512.0),
                List.of(1.0, 1.2599210498948732, 1.5874010519681994), levelSizes, List.of(0.5, 1.0, 2.0));
    }

    @Test
    void matchesTorchvisionAnchors() {
        JsonNode ref = ReferenceVectors.load("anchors");
        AnchorGenerator gen = new AnchorGenerator(torchvisionSizes(ref));
        List<LevelShape> levels = AnchorGenerator.levelShapes(256, 256, List.of(8, 16, 32, 64, 128));
        for (int l = 0; l < levels.size(); l++) {
            assertEquals(ref.get("feature_sizes").get(l).get(0).asInt(), levels.get(l).height());
            assertEquals(ref.get("feature_sizes").get(l).get(1).asInt(), levels.get(l).width());
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray expected = ReferenceVectors.floats(m, ref.get("anchors"));
            NDArray anchors = gen.anchors(m, levels);
            assertEquals(expected.getShape(), anchors.getShape());
            assertEquals(0.0, ReferenceVectors.maxAbsDiff(expected.toFloatArray(), anchors.toFloatArray()), 1e-5);
            assertEquals(anchors.getShape().get(0), gen.totalAnchors(levels));
            // cached: the second call returns the same numbers
            assertArrayEquals(anchors.toFloatArray(), gen.anchors(m, levels).toFloatArray());
        }
    }

    @Test
    void levelShapesAreNestedCeilingsOfHalves() {
        List<Integer> strides = List.of(8, 16, 32, 64, 128);
        for (int h : new int[] {800, 801, 1333, 100, 7, 896}) {
            List<LevelShape> shapes = AnchorGenerator.levelShapes(h, h + 5, strides);
            int n = h;
            int w = h + 5;
            for (int k = 1; k <= 7; k++) {
                n = (n + 1) / 2; // a 3x3 conv with stride 2 and padding 1: floor((n - 1) / 2) + 1
                w = (w + 1) / 2;
                if (k >= 3) {
                    assertEquals(n, shapes.get(k - 3).height(), "H=" + h + " level " + k);
                    assertEquals(w, shapes.get(k - 3).width(), "W=" + (h + 5) + " level " + k);
                    assertEquals(1 << k, shapes.get(k - 3).stride());
                }
            }
        }
    }

    @Test
    void scalesFormGiveNineAnchorsPerLocationInRatioMajorOrder() {
        var cfg = new ModelConfig.AnchorConfig(List.of(8), List.of(32.0), List.of(1.0, 2.0), List.of(), List.of(0.5, 1.0, 2.0));
        AnchorGenerator gen = new AnchorGenerator(cfg);
        assertEquals(6, gen.perLocation());
        try (NDManager m = NDManager.newBaseManager()) {
            float[] a = gen.anchors(m, List.of(new LevelShape(1, 2, 8))).toFloatArray();
            assertEquals(2 * 6 * 4, a.length);
            // ratio 1, size 32 at location (0, 0): the 3rd anchor; at (x=1) shifted by the stride 8
            assertArrayEquals(new float[] {-16, -16, 16, 16}, java.util.Arrays.copyOfRange(a, 8, 12));
            assertArrayEquals(new float[] {-8, -16, 24, 16}, java.util.Arrays.copyOfRange(a, 32, 36));
            // ratio 0.5 (h/w): wider than tall
            assertEquals(46f, a[2] - a[0]);
            assertEquals(22f, a[3] - a[1]);
        }
    }
}
