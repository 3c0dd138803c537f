package dev.retinaj.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retinaj.data.DetectionRecord;
import dev.retinaj.eval.Category;
import dev.retinaj.eval.CocoEvaluator;
import dev.retinaj.eval.CocoMetrics;
import dev.retinaj.eval.EvalConversions;
import dev.retinaj.eval.GroundTruth;
import dev.retinaj.eval.Result;
import dev.retinaj.eval.VocEvaluator;
import dev.retinaj.eval.VocMetrics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records to ground truth (eval) and detections to COCO results (infer) agree on class index to category id. */
class CocoResultsTest {
    private static final List<Category> CATS = List.of(new Category(5, "cat"), new Category(9, "dog"));

    private static List<DetectionRecord> records() {
        return List.of(
                new DetectionRecord(11, "a", Path.of("a.jpg"), 100, 80,
                        new float[] {0, 0, 40, 40, 50, 10, 90, 70}, new int[] {0, 1}, new boolean[] {false, false}),
                new DetectionRecord(12, "b", Path.of("b.jpg"), 100, 80,
                        new float[] {10, 10, 30, 30}, new int[] {1}, new boolean[] {true}));
    }

    @Test
    void recordsAndDetectionsMapClassIndicesToCategoryIds() {
        GroundTruth gt = EvalConversions.groundTruth(records(), CATS);
        assertEquals(2, gt.numImages());
        assertEquals(3, gt.numAnnotations());
        List<Result> perfect = CocoResults.of(List.of(
                new Detections(11, new float[] {50, 10, 90, 70, 0, 0, 40, 40}, new float[] {0.9f, 0.8f}, new int[] {1, 0}),
                new Detections(12, new float[] {10, 10, 30, 30}, new float[] {0.7f}, new int[] {1})), CATS);
        assertEquals(new Result(11, 9, 50, 10, 40, 60, 0.9f), perfect.get(0));
        CocoMetrics coco = CocoEvaluator.evaluate(gt, perfect);
        assertEquals(1.0, coco.classAp(5), 1e-12);
        assertEquals(1.0, coco.classAp(9), 1e-12); // the detection on the crowd box is ignored
        VocMetrics voc = VocEvaluator.evaluate(gt, perfect, VocEvaluator.Mode.VOC);
        assertEquals(1.0, voc.mAP(), 1e-12);
    }

    @Test
    void classIndexOutsideTheCategoriesIsRejected() {
        List<Detections> bad = List.of(new Detections(11, new float[] {0, 0, 1, 1}, new float[] {0.5f}, new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> CocoResults.of(bad, CATS));
    }
}
