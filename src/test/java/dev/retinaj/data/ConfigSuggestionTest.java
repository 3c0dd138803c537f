package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSuggestionTest {
    /** Images of 1000 x 600 px, each with one square box of side {@code sides[i]}. */
    static DatasetStats stats(int... sides) {
        List<DetectionRecord> recs = new ArrayList<>();
        for (int i = 0; i < sides.length; i++) {
            recs.add(new DetectionRecord(i + 1, "im" + i, Path.of("im" + i + ".jpg"), 1000, 600,
                    new float[] {10, 10, 10 + sides[i], 10 + sides[i]}, new int[] {i % 2}, new boolean[1]));
        }
        return DatasetStats.of(new LoadedSplit(recs, List.of("cat", "dog"), new long[] {1, 2},
                new LoadReport(sides.length, sides.length, 0, List.of())));
    }

    @Test
    void sizesFromTheMedianImageAndAnAnchorCheck() {
        // 20 boxes of 12 px and 20 of 300 px; images 600 px short side -> min_size 608 (600 / 32 = 18.75 -> 19 * 32)
        int[] sides = new int[40];
        for (int i = 0; i < 40; i++) {
            sides[i] = i < 20 ? 12 : 300;
        }
        ConfigSuggestion c = ConfigSuggestion.of(stats(sides), List.of(32.0, 64.0, 128.0, 256.0, 512.0),
                List.of(1.0, 1.26, 1.59));
        assertEquals(608, c.minSize());
        assertEquals(Math.round(608 * 1000 / 600.0), c.maxSize());
        assertEquals(List.of("cat", "dog"), c.classes());
        assertEquals(32.0, c.smallestAnchor(), 1e-9);
        assertEquals(512 * 1.59, c.largestAnchor(), 1e-9);
        // resized by 608/600: 12 px -> 12.2 px < 32 / √2 = 22.6; 300 px -> 304 px fits
        assertEquals(0.5, c.tooSmall(), 1e-12);
        assertEquals(0.0, c.tooLarge(), 1e-12);
        // the 5% box (12.2 px): 16 / √2 = 11.3 <= 12.2 < 32 / √2, so anchors from 16
        assertEquals(List.of(16, 32, 64, 128, 256), c.suggestedSizes());
        assertTrue(c.lines().contains("      sizes: [16, 32, 64, 128, 256]"), String.join("\n", c.lines()));
        assertTrue(c.lines().contains("    classes: [cat, dog]   # 2 classes"));
    }

    @Test
    void anchorsThatFitAreLeftAlone() {
        ConfigSuggestion c = ConfigSuggestion.of(stats(40, 60, 100, 200), List.of(32.0, 64.0, 128.0, 256.0, 512.0),
                List.of(1.0));
        assertEquals(0.0, c.tooSmall(), 1e-12);
        assertTrue(c.suggestedSizes().isEmpty());
        assertTrue(c.lines().contains("  the anchors fit these boxes"));
    }
}
