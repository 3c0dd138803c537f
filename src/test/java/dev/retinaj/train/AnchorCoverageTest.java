package dev.retinaj.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.retinaj.data.DetectionRecord;
import dev.retinaj.data.RgbImage;
import dev.retinaj.data.Sample;
import dev.retinaj.data.SampleLoader;
import dev.retinaj.data.TransformSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coverage check sizes images as the transform does (floor, where rounding would give one pixel more). */
class AnchorCoverageTest {
    @Test
    void resizeIsTheTransformsOwn() {
        // 103 x 50 to a shorter side of 64: 103 * 1.28 = 131.84, floor 131 (round would say 132)
        int[][] sizes = {{103, 50}, {640, 427}, {333, 500}, {50, 103}, {1000, 999}};
        for (int[] wh : sizes) {
            DetectionRecord r = new DetectionRecord(1, "x", Path.of("x.png"), wh[0], wh[1], new float[0], new int[0],
                    new boolean[0]);
            Sample s = new SampleLoader(new TransformSpec(List.of(64), 1333, 0, 1, new float[3], new float[] {1, 1, 1}))
                    .forImage(new RgbImage(wh[0], wh[1], new byte[3 * wh[0] * wh[1]]), 1, "x", null, 64);
            assertArrayEquals(new int[] {s.width(), s.height()}, AnchorCoverage.resized(r, 64, 1333),
                    wh[0] + "x" + wh[1]);
        }
        assertArrayEquals(new int[] {131, 64}, AnchorCoverage.resized(new DetectionRecord(1, "x", Path.of("x.png"), 103,
                50, new float[0], new int[0], new boolean[0]), 64, 1333));
    }
}
