package dev.retinaj.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.retinaj.anchors.BoxCoder;
import dev.retinaj.config.TestConfig;
import dev.retinaj.data.ImageInfo;
import dev.retinaj.model.HeadOutputs;
import dev.retinaj.model.LevelShape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.retinaj.anchors.ReferenceVectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostProcessorTest {
    // level 0: 2 × 2 locations, level 1: one location; one anchor per location, K = 2
    private static final float[] ANCHORS = {
        0, 0, 10, 10, 1, 0, 11, 10, 0, 8, 10, 18, 8, 8, 18, 18, // level 0
        0, 0, 16, 16};                                          // level 1
    // probabilities per anchor (class 0, class 1); image 1 has nothing above 0.05
    private static final double[] PROBS = {0.9, 0.01, 0.8, 0.01, 0.01, 0.7, 0.03, 0.02, 0.6, 0.65,
                                           0.01, 0.02, 0.04, 0.01, 0.01, 0.01, 0.03, 0.02, 0.01, 0.01};

    static HeadOutputs outputs(NDManager m) {
        float[] logits = new float[PROBS.length];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) Math.log(PROBS[i] / (1 - PROBS[i]));
        }
        return new HeadOutputs(m.create(logits, new Shape(2, 5, 2)), m.zeros(new Shape(2, 5, 4)),
                List.of(new LevelShape(2, 2, 8), new LevelShape(1, 1, 16)), 1);
    }

    static List<ImageInfo> infos(boolean flipped) {
        return List.of(new ImageInfo(7, "a", null, 32, 24, 16, 12, 0.5, flipped),
                new ImageInfo(8, "b", null, 32, 24, 16, 12, 0.5, false));
    }

    static List<Detections> run(int topk, int maxDets, boolean flipped) {
        try (NDManager m = NDManager.newBaseManager()) {
            PostProcessor p = new PostProcessor(new TestConfig(0.05, topk, 0.5, maxDets, 800, 1333, 1), new BoxCoder());
            return p.process(outputs(m), m.create(ANCHORS, new Shape(5, 4)), infos(flipped));
        }
    }

    @Test
    void thresholdsDecodesClipsSuppressesAndRescales() {
        List<Detections> d = run(1000, 100, false);
        assertEquals(2, d.size());
        Detections a = d.get(0);
        assertEquals(7, a.imageId());
        // anchor 1 (class 0) loses to anchor 0 (IoU 0.82); anchor 4 class 0 loses to anchor 0 (IoU 0.52 after
        // clipping to 16 × 12); anchor 3 is below the threshold; anchor 4 class 1 overlaps anchor 2 by 0.21
        assertArrayEquals(new int[] {0, 1, 1}, a.labels());
        assertArrayEquals(new float[] {0.9f, 0.7f, 0.65f}, a.scores(), 1e-6f);
        assertArrayEquals(new float[] {0, 0, 20, 20, 0, 16, 20, 24, 0, 0, 32, 24}, a.boxes(), 1e-4f);
        assertEquals(0, d.get(1).size());
    }

    @Test
    void topkPerLevelAndMaxDets() {
        Detections top1 = run(1, 100, false).get(0);
        assertArrayEquals(new float[] {0.9f, 0.65f}, top1.scores(), 1e-6f);
        Detections max2 = run(1000, 2, false).get(0);
        assertArrayEquals(new float[] {0.9f, 0.7f}, max2.scores(), 1e-6f);
    }

    @Test
    void flippedInputsAreMappedBack() {
        Detections f = run(1000, 100, true).get(0);
        assertArrayEquals(new float[] {12, 0, 32, 20, 12, 16, 32, 24, 0, 0, 32, 24}, f.boxes(), 1e-4f);
    }

    @Test
    void decodesDeltas() {
        try (NDManager m = NDManager.newBaseManager()) {
            HeadOutputs o = outputs(m);
            NDArray deltas = m.zeros(new Shape(2, 5, 4));
            deltas.set(new ai.djl.ndarray.index.NDIndex("0, 0"), m.create(new float[] {0.1f, 0, 0, 0})); // +1 px in x
            HeadOutputs shifted = new HeadOutputs(o.clsLogits(), deltas, o.levels(), 1);
            PostProcessor p = new PostProcessor(new TestConfig(0.05, 1000, 0.5, 100, 800, 1333, 1), new BoxCoder());
            Detections d = p.process(shifted, m.create(ANCHORS, new Shape(5, 4)), infos(false)).get(0);
            assertArrayEquals(new float[] {2, 0, 22, 20}, java.util.Arrays.copyOf(d.boxes(), 4), 1e-4f);
        }
    }

    @Test
    void matchesTorchvisionPostprocessDetections() throws Exception {
        JsonNode ref;
        try (var in = PostProcessorTest.class.getResourceAsStream("postprocess.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        List<LevelShape> levels = new ArrayList<>();
        for (JsonNode l : ref.get("levels")) {
            levels.add(new LevelShape(l.get(0).asInt(), l.get(1).asInt(), l.get(2).asInt()));
        }
        TestConfig cfg = new TestConfig(ref.get("score_thresh").asDouble(), ref.get("topk_per_level").asInt(),
                ref.get("nms_thresh").asDouble(), ref.get("max_dets").asInt(), 800, 1333, 1);
        List<ImageInfo> infos = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode rs = ref.get("resized_hw").get(i);
            JsonNode orig = ref.get("original_hw").get(i);
            infos.add(new ImageInfo(i, "img" + i, null, orig.get(1).asInt(), orig.get(0).asInt(),
                    rs.get(1).asInt(), rs.get(0).asInt(), rs.get(0).asDouble() / orig.get(0).asDouble(), false));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            HeadOutputs out = new HeadOutputs(ReferenceVectors.floats(m, ref.get("logits")),
                    ReferenceVectors.floats(m, ref.get("deltas")), levels, ref.get("anchors_per_location").asInt());
            List<Detections> dets = new PostProcessor(cfg, new BoxCoder())
                    .process(out, ReferenceVectors.floats(m, ref.get("anchors")), infos);
            for (int i = 0; i < 2; i++) {
                JsonNode e = ref.get("detections").get(i);
                Detections d = dets.get(i);
                assertArrayEquals(ReferenceVectors.intArray(e.get("labels")), d.labels(), "image " + i);
                double[] scores = ReferenceVectors.doubleArray(e.get("scores"));
                double[] boxes = ReferenceVectors.doubleArray(e.get("boxes"));
                for (int j = 0; j < scores.length; j++) {
                    assertEquals(scores[j], d.scores()[j], 1e-6, "image " + i + " score " + j);
                }
                for (int j = 0; j < boxes.length; j++) {
                    assertEquals(boxes[j], d.boxes()[j], 1e-5 * Math.max(1, Math.abs(boxes[j])), "image " + i + " box " + j);
                }
            }
        }
    }
}
