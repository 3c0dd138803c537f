package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BoxMathTest {
    @Test
    void scaleTakesTheShorterSideToMinSizeUnlessTheLongerExceedsMaxSize() {
        assertEquals(800.0 / 375, BoxMath.scale(500, 375, 800, 1333), 1e-12);
        assertEquals(800, BoxMath.resized(375, BoxMath.scale(500, 375, 800, 1333)));
        assertEquals(1066, BoxMath.resized(500, BoxMath.scale(500, 375, 800, 1333)));
        // 1000x200: the shorter side would make the longer 4000 > 1333, so the longer side is capped.
        assertEquals(1.333, BoxMath.scale(1000, 200, 800, 1333), 1e-12);
        assertEquals(1333, BoxMath.resized(1000, 1.333));
        assertEquals(266, BoxMath.resized(200, 1.333));
        assertEquals(1.0, BoxMath.scale(320, 320, 320, 320));
    }

    @Test
    void resizeScalesEachAxisByItsOwnRatio() {
        float[] b = {10, 20, 110, 70};
        assertArrayEquals(new float[] {20, 30, 220, 105}, BoxMath.resize(b, 100, 100, 200, 150), 1e-5f);
    }

    @Test
    void flipMirrorsInContinuousCoordinatesAndTwiceIsIdentity() {
        float[] b = {10, 20, 110, 70, 0, 0, 200, 5};
        float[] f = BoxMath.flip(b, 200);
        assertArrayEquals(new float[] {90, 20, 190, 70, 0, 0, 200, 5}, f, 1e-6f);
        assertArrayEquals(b, BoxMath.flip(f, 200), 1e-6f);
    }

    @Test
    void paddingRoundsUpToTheDivisor() {
        assertEquals(384, BoxMath.padded(320, 128));
        assertEquals(128, BoxMath.padded(128, 128));
        assertEquals(1, BoxMath.padded(1, 1));
        assertEquals(896, BoxMath.padded(800, 128));
    }
}
