package dev.retinaj.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.modality.cv.output.BoundingBox;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.modality.cv.output.Rectangle;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriteriaOptionsTest {
    private static DetectedObjects found() {
        List<BoundingBox> boxes = List.of(new Rectangle(0, 0, .1, .1), new Rectangle(.1, 0, .1, .1),
                new Rectangle(.2, 0, .1, .1), new Rectangle(.3, 0, .1, .1));
        return new DetectedObjects(List.of("a", "b", "c", "d"), List.of(0.2, 0.9, 0.5, 0.7), boxes);
    }

    @Test
    void keepsTheTopKAboveTheThresholdBestFirst() {
        DetectedObjects kept = CriteriaOptions.DEFAULT.withScoreThreshold(0.5).withTopK(2).filter(found());
        assertEquals(2, kept.getNumberOfObjects());
        assertEquals("b", kept.item(0).getClassName());
        assertEquals("d", kept.item(1).getClassName());
        DetectedObjects.DetectedObject second = kept.item(1);
        assertEquals(0.1, second.getBoundingBox().getBounds().getWidth(), 1e-12);
        assertEquals(3, CriteriaOptions.DEFAULT.withScoreThreshold(0.5).filter(found()).getNumberOfObjects());
        assertEquals(0, CriteriaOptions.DEFAULT.withScoreThreshold(0.95).filter(found()).getNumberOfObjects());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> CriteriaOptions.DEFAULT.withScoreThreshold(1.5));
        assertThrows(IllegalArgumentException.class, () -> CriteriaOptions.DEFAULT.withTopK(0));
        assertEquals("gpu:0", CriteriaOptions.DEFAULT.withDevice("gpu:0").device());
        CriteriaOptions bf16 = CriteriaOptions.DEFAULT.withDevice("cpu").withPrecision(dev.retinaj.config.Precision.BF16);
        assertEquals(new CriteriaOptions(0.3, 100, "cpu", dev.retinaj.config.Precision.BF16), bf16);
        assertEquals(dev.retinaj.config.Precision.BF16, bf16.withTopK(5).withScoreThreshold(0.1).precision());
    }
}
