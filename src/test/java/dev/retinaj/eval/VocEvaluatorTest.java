package dev.retinaj.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.retinaj.eval.VocEvaluator.Mode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VocEvaluatorTest {
    static List<String> cases() {
        return Fixtures.CASES;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheReferenceImplementationOnFixture(String name) {
        GroundTruth gt = Fixtures.gt(name);
        List<Result> dt = Fixtures.dt(name, gt);
        for (Mode mode : Mode.values()) {
            VocMetrics m = VocEvaluator.evaluate(gt, dt, mode);
            JsonNode exp = Fixtures.expected(name).get(mode.key());
            assertEquals(exp.get("mAP").asDouble(), m.mAP(), 1e-9, name + " " + mode);
            JsonNode json = readJson(m.toJson());
            String variant = mode == Mode.VOC07 ? "mAP_voc07" : "mAP_voc10";
            assertEquals(exp.get("mAP").asDouble(), json.get(variant).asDouble(), 1e-9, name + " " + variant);
            assertEquals(json.get("mAP").asDouble(), json.get(variant).asDouble(), 0.0, "old key still there");
            exp.get("per_class").fields().forEachRemaining(e ->
                    assertEquals(e.getValue().asDouble(), m.classAp(Integer.parseInt(e.getKey())), 1e-9,
                            name + " " + mode + " class " + e.getKey()));
        }
    }

    @Test
    void voc07ThresholdsAreMatlabsColon() {
        assertArrayEquals(new double[] {0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0},
                VocEvaluator.VOC07_RECALLS, 0.0);
        assertArrayEquals(new double[] {1, 2, 3}, MatlabColon.range(1, 1, 3), 0.0);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, MatlabColon.range(0, 0.25, 1), 0.0);
    }

    /** Ten separate objects of one class; the first {@code hits} detections are perfect. */
    private static VocMetrics tenObjects(int hits, Mode mode) {
        GroundTruth.Builder b = GroundTruth.builder().addImage(1, 1000, 100).addCategory(1, "a");
        List<Result> r = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            b.addBox(1, 1, 100 * i, 0, 100 * i + 50, 50, false);
            if (i < hits) {
                r.add(Result.ofCorners(1, 1, 100 * i, 0, 100 * i + 50, 50, 1.0 - 0.01 * i));
            }
        }
        return VocEvaluator.evaluate(b.build(), r, mode);
    }

    @Test
    void recallOfExactlySevenTenthsReachesTheSeventhThreshold() {
        // rec = 0.7 >= MATLAB's 0.7 (np.arange's 0.7000000000000001 would not count it): 8 of 11 points
        assertEquals(8.0 / 11, tenObjects(7, Mode.VOC07).mAP(), 1e-12);
        assertEquals(7.0 / 11, tenObjects(6, Mode.VOC07).mAP(), 1e-12);
        // recall 0.3 misses MATLAB's 0.30000000000000004
        assertEquals(3.0 / 11, tenObjects(3, Mode.VOC07).mAP(), 1e-12);
        assertEquals(0.7, tenObjects(7, Mode.VOC).mAP(), 1e-12);
    }

    @Test
    void perfectIsOneAndWrongIsZero() {
        assertEquals(1.0, tenObjects(10, Mode.VOC07).mAP(), 1e-12);
        assertEquals(1.0, tenObjects(10, Mode.VOC).mAP(), 1e-12);
        assertEquals(0.0, tenObjects(0, Mode.VOC).mAP(), 0.0);
        GroundTruth gt = GroundTruth.builder().addImage(1, 100, 100).addCategory(1, "a").addCategory(2, "b")
                .addBox(1, 1, 0, 0, 50, 50, false).build();
        List<Result> wrong = List.of(Result.ofCorners(1, 2, 0, 0, 50, 50, 0.9), Result.ofCorners(1, 1, 50, 50, 90, 90, 0.9));
        VocMetrics m = VocEvaluator.evaluate(gt, wrong, Mode.VOC);
        assertEquals(0.0, m.mAP(), 0.0);
        assertEquals(-1.0, m.classAp(2)); // class b has no ground truth: left out of the mean
    }

    @Test
    void difficultMatchesAreNeitherTrueNorFalsePositives() {
        GroundTruth gt = GroundTruth.builder().addImage(1, 300, 100).addCategory(1, "a").addCategory(2, "b")
                .addBox(1, 1, 0, 0, 50, 50, true)
                .addBox(1, 1, 100, 0, 150, 50, false)
                .addBox(1, 2, 0, 0, 50, 50, true) // b: only difficult
                .build();
        List<Result> r = List.of(Result.ofCorners(1, 1, 0, 0, 50, 50, 0.9), Result.ofCorners(1, 1, 100, 0, 150, 50, 0.8),
                Result.ofCorners(1, 2, 0, 0, 50, 50, 0.9));
        for (Mode mode : Mode.values()) {
            VocMetrics m = VocEvaluator.evaluate(gt, r, mode);
            assertEquals(1.0, m.classAp(1), 1e-12);
            assertEquals(-1.0, m.classAp(2));
            assertEquals(1.0, m.mAP(), 1e-12);
        }
    }

    @Test
    void iouMustExceedOneHalfAndDuplicatesAreFalsePositives() {
        GroundTruth gt = GroundTruth.builder().addImage(1, 100, 100).addCategory(1, "a")
                .addBox(1, 1, 0, 0, 100, 100, false).build();
        // IoU exactly 0.5: not a match
        assertEquals(0.0, VocEvaluator.evaluate(gt, List.of(Result.ofCorners(1, 1, 0, 0, 100, 50, 0.9)), Mode.VOC).mAP(), 0.0);
        assertTrue(VocEvaluator.evaluate(gt, List.of(Result.ofCorners(1, 1, 0, 0, 100, 51, 0.9)), Mode.VOC).mAP() > 0.99);
        // duplicate first (tie, file order): FP then TP -> precision 1/2 at recall 1
        List<Result> dup = List.of(Result.ofCorners(1, 1, 0, 0, 100, 100, 0.5), Result.ofCorners(1, 1, 0, 0, 100, 100, 0.5));
        assertEquals(1.0, VocEvaluator.evaluate(gt, dup, Mode.VOC).mAP(), 1e-12); // TP first in file order
        List<Result> missFirst = List.of(Result.ofCorners(1, 1, 0, 0, 10, 10, 0.5), Result.ofCorners(1, 1, 0, 0, 100, 100, 0.5));
        assertEquals(0.5, VocEvaluator.evaluate(gt, missFirst, Mode.VOC).mAP(), 1e-12);
    }

    @Test
    void emptyGroundTruthGivesUndefinedMap() {
        GroundTruth gt = GroundTruth.builder().addImage(1, 10, 10).addCategory(1, "a").build();
        VocMetrics m = VocEvaluator.evaluate(gt, List.of(Result.ofCorners(1, 1, 0, 0, 5, 5, 0.3)), Mode.VOC07);
        assertEquals(-1.0, m.mAP());
        assertTrue(m.toJson().contains("\"mAP\" : -1.0"), m.toJson());
    }

    private static JsonNode readJson(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
