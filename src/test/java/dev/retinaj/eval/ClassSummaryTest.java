package dev.retinaj.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hand-worked case. Class a (id 1): two boxes, one found exactly (IoU 1, score 0.9), one by a box of
 * IoU 0.625 (score 0.8). At IoU thresholds 0.50, 0.55, 0.60 both are true positives (precision 1 at every
 * recall); at the 7 thresholds from 0.65 the second is a false positive, so precision is 1 up to recall
 * 0.5 (51 of the 101 recall thresholds) and 0 beyond. COCO AP = (3 + 7 · 51/101) / 10 = 660/1010,
 * AP50 = 1, VOC AP (IoU 0.5) = 1 in both variants. Class b (id 2): one box, never detected (AP 0), and
 * one crowd box, which is counted apart.
 */
class ClassSummaryTest {
    private static GroundTruth truth() {
        return GroundTruth.builder().addImage(1, 100, 100).addImage(2, 100, 100)
                .addCategory(1, "a").addCategory(2, "b")
                .addBox(1, 1, 0, 0, 10, 10, false)
                .addBox(2, 1, 0, 0, 10, 10, false)
                .addBox(2, 2, 20, 20, 40, 40, false)
                .addBox(2, 2, 50, 50, 60, 60, true)
                .build();
    }

    private static List<Result> detections() {
        return List.of(Result.ofCorners(1, 1, 0, 0, 10, 10, 0.9), Result.ofCorners(2, 1, 0, 0, 10, 6.25, 0.8));
    }

    @Test
    void countsAndApPerClassForEveryMetric() {
        GroundTruth gt = truth();
        List<Metrics> metrics = List.of(Evaluation.run("coco", gt, detections()), Evaluation.run("voc07", gt, detections()),
                Evaluation.run("voc", gt, detections()));
        Map<String, Map<String, Number>> s = ClassSummary.of(gt, metrics);
        assertEquals(List.of("a", "b"), List.copyOf(s.keySet()));
        Map<String, Number> a = s.get("a");
        assertEquals(List.of("gt", "gt_ignored", "AP", "AP50", "AP_voc07", "AP_voc10"), List.copyOf(a.keySet()));
        assertEquals(2L, a.get("gt"));
        assertEquals(0L, a.get("gt_ignored"));
        assertEquals(660.0 / 1010, a.get("AP").doubleValue(), 1e-12);
        assertEquals(1.0, a.get("AP50").doubleValue(), 1e-12);
        assertEquals(1.0, a.get("AP_voc07").doubleValue(), 1e-12);
        assertEquals(1.0, a.get("AP_voc10").doubleValue(), 1e-12);
        Map<String, Number> b = s.get("b");
        assertEquals(1L, b.get("gt"));
        assertEquals(1L, b.get("gt_ignored"));
        assertEquals(0.0, b.get("AP").doubleValue(), 1e-12);
        assertEquals(0.0, b.get("AP50").doubleValue(), 1e-12);
        assertEquals(0.0, b.get("AP_voc10").doubleValue(), 1e-12);
    }

    @Test
    void onlyTheMetricsGivenAndUndefinedClassesAreMinusOne() {
        GroundTruth gt = GroundTruth.builder().addImage(1, 50, 50).addCategory(3, "c").addCategory(7, "d")
                .addBox(1, 3, 0, 0, 10, 10, false).addBox(1, 7, 5, 5, 9, 9, true).build();
        Map<String, Map<String, Number>> s = ClassSummary.of(gt,
                List.of(Evaluation.run("voc", gt, List.of(Result.ofCorners(1, 3, 0, 0, 10, 10, 0.5)))));
        assertEquals(Map.of("gt", 1L, "gt_ignored", 0L, "AP_voc10", 1.0), s.get("c"));
        assertEquals(Map.of("gt", 0L, "gt_ignored", 1L, "AP_voc10", -1.0), s.get("d"));
    }
}
