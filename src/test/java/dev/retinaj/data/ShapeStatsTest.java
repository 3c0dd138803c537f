package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retinaj.config.DataConfig.Format;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapeStatsTest {
    @TempDir
    Path tmp;

    @Test
    void nearestRankQuantiles() {
        double[] v = new double[21];
        for (int i = 0; i < v.length; i++) {
            v[i] = 20 - i; // 20 ... 0, unsorted on purpose
        }
        // ranks round(q * 20): 0, 1, 10, 19, 20
        assertArrayEquals(new double[] {0, 1, 10, 19, 20}, ShapeStats.quantiles(v), 0);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0}, ShapeStats.quantiles(new double[0]), 0);
    }

    @Test
    void binsAreHalfOpen() {
        assertEquals(0, ShapeStats.bin(7.99));
        assertEquals(1, ShapeStats.bin(8));
        assertEquals(4, ShapeStats.bin(32));
        assertEquals(ShapeStats.EDGES.length - 1, ShapeStats.bin(5000));
        assertEquals("32-48", ShapeStats.binLabel(4));
        assertEquals(">=512", ShapeStats.binLabel(ShapeStats.EDGES.length - 1));
    }

    @Test
    void vocFixtureSizes() {
        Path devkit = DataFixtures.voc(tmp);
        LoadedSplit s = new DataInput(Format.VOC, devkit.resolve("VOC2007"), null, null).read(List.of(), BadSamples.collecting());
        ShapeStats st = ShapeStats.of(s);
        int total = 0;
        for (int h : st.histogram()) {
            total += h;
        }
        assertEquals(10, total);
        // smallest box: a chair of 36 x 35 px (sqrt 35.5); largest: the car, 360 x 281 (sqrt 318.1)
        assertEquals(Math.sqrt(36.0 * 35), st.boxSize()[0], 1.0);
        assertEquals(Math.sqrt(360.0 * 281), st.boxSize()[4], 1.5);
        assertEquals(1, st.histogram()[ShapeStats.bin(Math.sqrt(36.0 * 35))], "36x35 chair alone in its bin");
    }
}
