package dev.retinaj.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CocoEvaluatorTest {
    static List<String> cases() {
        return Fixtures.CASES;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesPycocotoolsOnFixture(String name) {
        GroundTruth gt = Fixtures.gt(name);
        CocoMetrics m = CocoEvaluator.evaluate(gt, Fixtures.dt(name, gt));
        JsonNode exp = Fixtures.expected(name).get("coco");
        for (int i = 0; i < 12; i++) {
            String s = CocoMetrics.STAT_NAMES[i];
            assertEquals(exp.get("stats").get(s).asDouble(), m.stats()[i], 1e-9, name + " " + s);
        }
        exp.get("per_class").fields().forEachRemaining(e ->
                assertEquals(e.getValue().asDouble(), m.classAp(Integer.parseInt(e.getKey())), 1e-9,
                        name + " class " + e.getKey()));
    }

    @Test
    void thresholdsAreNumpysLinspaceBitForBit() {
        assertArrayEquals(new double[] {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95},
                CocoEvaluator.IOU_THRS, 0.0);
        assertEquals(101, CocoEvaluator.REC_THRS.length);
        assertEquals(0.07, CocoEvaluator.REC_THRS[7], 0.0);
        assertEquals(0.29, CocoEvaluator.REC_THRS[29], 0.0);
        assertEquals(29 * 0.01, CocoEvaluator.REC_THRS[29], 0.0); // 0.29 == 29 * 0.01 in binary
        assertEquals(1.0, CocoEvaluator.REC_THRS[100], 0.0);
        JsonNode exact = Fixtures.json("coco_thresholds.json"); // pycocotools' Params, written by the generator
        for (int i = 0; i < 10; i++) {
            assertEquals(exact.get("iouThrs").get(i).asDouble(), CocoEvaluator.IOU_THRS[i], 0.0);
        }
        for (int i = 0; i < 101; i++) {
            assertEquals(exact.get("recThrs").get(i).asDouble(), CocoEvaluator.REC_THRS[i], 0.0, "recThrs " + i);
        }
    }

    private static GroundTruth twoImages() {
        return GroundTruth.builder()
                .addImage(1, 200, 200).addImage(2, 200, 200)
                .categories(List.of(new Category(1, "cat"), new Category(2, "dog")))
                .addBox(1, 1, 10, 10, 60, 60, false)      // area 2500: medium
                .addBox(2, 1, 0, 0, 150, 120, false)      // large
                .addBox(2, 2, 100, 100, 120, 115, false)  // small
                .build();
    }

    @Test
    void perfectDetectionsScoreOne() {
        GroundTruth gt = twoImages();
        List<Result> r = List.of(
                Result.ofCorners(1, 1, 10, 10, 60, 60, 0.9),
                Result.ofCorners(2, 1, 0, 0, 150, 120, 0.8),
                Result.ofCorners(2, 2, 100, 100, 120, 115, 0.7));
        CocoMetrics m = CocoEvaluator.evaluate(gt, r);
        for (int i = 0; i < 12; i++) {
            assertEquals(1.0, m.stats()[i], 1e-12, CocoMetrics.STAT_NAMES[i]);
        }
        // like pycocotools, precision is tp / (tp + fp + eps): one true positive gives 1 - 2^-52
        assertEquals(1.0, m.perClass().get("cat"), 0.0);
        assertEquals(1.0, m.perClass().get("dog"), 1e-15);
        assertEquals(List.of("cat", "dog"), List.copyOf(m.perClass().keySet()));
    }

    @Test
    void wrongDetectionsScoreZero() {
        GroundTruth gt = twoImages();
        List<Result> r = List.of(
                Result.ofCorners(1, 2, 10, 10, 60, 60, 0.9),   // right box, wrong class
                Result.ofCorners(2, 1, 160, 160, 190, 190, 0.8), // no overlap
                Result.ofCorners(1, 1, 60, 60, 90, 90, 0.7));  // touches only at a corner
        CocoMetrics m = CocoEvaluator.evaluate(gt, r);
        for (int i = 0; i < 12; i++) {
            assertEquals(0.0, m.stats()[i], 0.0, CocoMetrics.STAT_NAMES[i]);
        }
    }

    @Test
    void noDetectionsGiveZeroAndMissingSizesGiveMinusOne() {
        GroundTruth gt = GroundTruth.builder().addImage(1, 100, 100).addImage(2, 50, 50)
                .addCategory(3, "only").addBox(1, 3, 0, 0, 50, 50, false).build(); // medium only
        CocoMetrics m = CocoEvaluator.evaluate(gt, List.of());
        assertEquals(0.0, m.stat("AP"));
        assertEquals(0.0, m.stat("AR100"));
        assertEquals(0.0, m.stat("APm"));
        assertEquals(-1.0, m.stat("APs"));
        assertEquals(-1.0, m.stat("ARl"));
    }

    @Test
    void crowdRegionsAbsorbDetectionsWithoutCountingAsPositives() {
        GroundTruth gt = GroundTruth.builder().addImage(1, 400, 400).addCategory(1, "person")
                .addBox(1, 1, 0, 0, 300, 300, true)
                .addBox(1, 1, 310, 310, 390, 390, false)
                .build();
        // Perfect detection of the regular box ranked below three detections inside the crowd region:
        // those are ignored (IoU with a crowd = inter / det area = 1), so AP stays 1.
        List<Result> r = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            r.add(Result.ofCorners(1, 1, 10 + 50 * i, 10, 50 + 50 * i, 50, 0.9));
        }
        r.add(Result.ofCorners(1, 1, 310, 310, 390, 390, 0.5));
        assertEquals(1.0, CocoEvaluator.evaluate(gt, r).stat("AP"), 1e-12);
        // A category whose only ground truth is crowd is undefined.
        GroundTruth crowdOnly = GroundTruth.builder().addImage(1, 400, 400).addCategory(1, "person")
                .addBox(1, 1, 0, 0, 300, 300, true).build();
        CocoMetrics m = CocoEvaluator.evaluate(crowdOnly, r.subList(0, 1));
        assertEquals(-1.0, m.stat("AP"));
        assertEquals(-1.0, m.classAp(1));
    }

    @Test
    void scoreTiesKeepFileOrderWithinAnImage() {
        GroundTruth gt = GroundTruth.builder().addImage(1, 100, 100).addCategory(1, "a")
                .addBox(1, 1, 0, 0, 50, 50, false).build();
        Result hit = Result.ofCorners(1, 1, 0, 0, 50, 50, 0.5);
        Result miss = Result.ofCorners(1, 1, 60, 60, 90, 90, 0.5);
        // hit first: precision 1 at recall 1 -> AP 1; miss first: precision 1/2 -> AP 0.5
        assertEquals(1.0, CocoEvaluator.evaluate(gt, List.of(hit, miss)).stat("AP"), 1e-12);
        assertEquals(0.5, CocoEvaluator.evaluate(gt, List.of(miss, hit)).stat("AP"), 1e-12);
    }

    @Test
    void scoreTiesAcrossImagesFollowAscendingImageIds() {
        // Image 9 is declared first, but accumulation visits image 2 first.
        GroundTruth gt = GroundTruth.builder().addImage(9, 100, 100).addImage(2, 100, 100).addCategory(1, "a")
                .addBox(9, 1, 0, 0, 50, 50, false).build();
        List<Result> r = List.of(Result.ofCorners(9, 1, 0, 0, 50, 50, 0.5), Result.ofCorners(2, 1, 0, 0, 50, 50, 0.5));
        assertEquals(0.5, CocoEvaluator.evaluate(gt, r).stat("AP"), 1e-12);
    }

    @Test
    void onlyTheBestHundredDetectionsPerImageCount() {
        GroundTruth gt = GroundTruth.builder().addImage(1, 1000, 1000).addCategory(1, "a")
                .addBox(1, 1, 0, 0, 50, 50, false).build();
        List<Result> r = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            r.add(Result.ofCorners(1, 1, 500, 500, 600, 600, 0.9));
        }
        r.add(Result.ofCorners(1, 1, 0, 0, 50, 50, 0.1)); // the 101st: cut
        assertEquals(0.0, CocoEvaluator.evaluate(gt, r).stat("AR100"), 0.0);
        r.set(0, Result.ofCorners(1, 1, 500, 500, 600, 600, 0.05)); // now the hit is among the best 100
        assertNotEquals(0.0, CocoEvaluator.evaluate(gt, r).stat("AR100"));
    }

    @Test
    void unknownIdsAreRejected() {
        GroundTruth gt = twoImages();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CocoEvaluator.evaluate(gt, List.of(Result.ofCorners(5, 1, 0, 0, 1, 1, 0.5))));
        assertEquals("detection 0 names unknown image_id 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CocoEvaluator.evaluate(gt, List.of(Result.ofCorners(1, 9, 0, 0, 1, 1, 0.5))));
        assertEquals("detection 0 names unknown category_id 9", e.getMessage());
    }

    @Test
    void jsonHasTheContractKeys() {
        CocoMetrics m = CocoEvaluator.evaluate(twoImages(), List.of(Result.ofCorners(1, 1, 10, 10, 60, 60, 0.9)));
        String json = m.toJson();
        for (String k : CocoMetrics.STAT_NAMES) {
            org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"" + k + "\""), k);
        }
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"per_class\""));
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"dog\" : 0.0"), json);
    }
}
