package dev.retinaj.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hand-worked image: a hit, a class confusion, a duplicate, a low-score hit, a crowd hit, a miss. */
class ConfusionMatrixTest {
    static GroundTruth truth() {
        return GroundTruth.builder().addImage(1, 100, 100).addCategory(1, "a").addCategory(2, "b")
                .addBox(1, 1, 0, 0, 10, 10, false)      // A1
                .addBox(1, 1, 50, 50, 60, 60, false)    // A2
                .addBox(1, 2, 20, 20, 30, 30, false)    // B1
                .addBox(1, 1, 80, 80, 100, 100, true)   // crowd
                .build();
    }

    static List<Result> detections() {
        return List.of(
                Result.ofCorners(1, 1, 0, 0, 10, 10, 0.9),      // d1: A1, right class
                Result.ofCorners(1, 2, 50, 50, 60, 60, 0.8),    // d2: A2, called b
                Result.ofCorners(1, 1, 0, 0, 10, 10, 0.7),      // d3: A1 again
                Result.ofCorners(1, 2, 20, 20, 30, 30, 0.3),    // d4: B1, low score
                Result.ofCorners(1, 1, 80, 80, 100, 100, 0.6),  // d5: on the crowd box
                Result.ofCorners(1, 2, 40, 0, 50, 10, 0.55));   // d6: on nothing
    }

    @Test
    void countsByHand() throws Exception {
        ConfusionMatrix m = ConfusionMatrix.compute(truth(), detections(), 0.5, 0.5);
        assertEquals(List.of("a", "b", "background"), m.classes());
        // rows: true a, true b, background; columns: predicted a, b, background
        assertArrayEquals(new long[] {1, 1, 0}, m.counts()[0]);
        assertArrayEquals(new long[] {0, 0, 1}, m.counts()[1]);
        assertArrayEquals(new long[] {1, 1, 0}, m.counts()[2]);

        JsonNode j = new ObjectMapper().readTree(m.toJson());
        assertEquals(0.5, j.get("score_threshold").asDouble());
        assertEquals(0.5, j.get("iou_threshold").asDouble());
        assertEquals("background", j.get("classes").get(2).asText());
        assertEquals(1, j.get("matrix").get(1).get(2).asLong());
    }

    @Test
    void aLowerScoreThresholdLetsTheLowScoreHitIn() {
        ConfusionMatrix m = ConfusionMatrix.compute(truth(), detections(), 0.25, 0.5);
        assertArrayEquals(new long[] {0, 1, 0}, m.counts()[1]);
        // a strict IoU turns every hit into a background detection and a missed box
        ConfusionMatrix strict = ConfusionMatrix.compute(truth(),
                List.of(Result.ofCorners(1, 1, 0, 0, 10, 8, 0.9)), 0.5, 0.9);
        assertArrayEquals(new long[] {0, 0, 2}, strict.counts()[0]);
        assertArrayEquals(new long[] {1, 0, 0}, strict.counts()[2]);
    }

    @Test
    void errorsPerImageAreTheOffDiagonalCounts() {
        GroundTruth gt = GroundTruth.builder().addImage(1, 100, 100).addImage(2, 100, 100).addCategory(1, "a")
                .addBox(1, 1, 0, 0, 10, 10, false).addBox(2, 1, 0, 0, 10, 10, false).addBox(2, 1, 50, 50, 60, 60, false)
                .build();
        // image 1 found; image 2: one box missed and a detection on nothing
        List<Result> dets = List.of(Result.ofCorners(1, 1, 0, 0, 10, 10, 0.9), Result.ofCorners(2, 1, 0, 0, 10, 10, 0.9),
                Result.ofCorners(2, 1, 80, 80, 90, 90, 0.8));
        assertArrayEquals(new long[] {0, 2}, ConfusionMatrix.errorsPerImage(gt, dets, 0.5, 0.5));
        assertArrayEquals(new long[] {1, 2}, ConfusionMatrix.errorsPerImage(gt, dets, 0.95, 0.5)); // all missed
    }
}
