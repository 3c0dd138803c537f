package dev.retinaj.data.augment;

import static dev.retinaj.data.augment.AugmentFixtures.pixel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.retinaj.data.RgbImage;
import org.junit.jupiter.api.Test;

class PhotometricTest {
    /** Two pixels: (200, 100, 50) and grey (80, 80, 80). */
    private static RgbImage twoPixels() {
        return new RgbImage(2, 1, new byte[] {(byte) 200, 100, 50, 80, 80, 80});
    }

    @Test
    void zeroStrengthIsTheIdentity() {
        RgbImage img = twoPixels();
        assertSame(img, Photometric.apply(img, 1, 1, 1, 0));
    }

    @Test
    void brightnessScales() {
        RgbImage out = Photometric.apply(twoPixels(), 0.5, 1, 1, 0);
        assertArrayEquals(new int[] {100, 50, 25}, pixel(out, 0, 0));
        assertArrayEquals(new int[] {40, 40, 40}, pixel(out, 1, 0));
    }

    @Test
    void zeroSaturationGivesEachPixelsLuma() {
        // 0.299 * 200 + 0.587 * 100 + 0.114 * 50 = 124.2
        RgbImage out = Photometric.apply(twoPixels(), 1, 1, 0, 0);
        assertArrayEquals(new int[] {124, 124, 124}, pixel(out, 0, 0));
        assertArrayEquals(new int[] {80, 80, 80}, pixel(out, 1, 0));
    }

    @Test
    void zeroContrastGivesTheMeanGrey() {
        // mean luma = (124.2 + 80) / 2 = 102.1
        RgbImage out = Photometric.apply(twoPixels(), 1, 0, 1, 0);
        assertArrayEquals(new int[] {102, 102, 102}, pixel(out, 0, 0));
        assertArrayEquals(new int[] {102, 102, 102}, pixel(out, 1, 0));
    }

    @Test
    void hueKeepsGreyAndLumaAndAFullTurnIsTheIdentity() {
        RgbImage out = Photometric.apply(twoPixels(), 1, 1, 1, 0.25);
        assertArrayEquals(new int[] {80, 80, 80}, pixel(out, 1, 0));
        int[] p = pixel(out, 0, 0);
        assertNotEquals(200, p[0]);
        assertEquals(124.2, 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2], 1.0);
        RgbImage turn = Photometric.apply(twoPixels(), 1, 1, 1, 0.5);
        RgbImage back = Photometric.apply(turn, 1, 1, 1, -0.5);
        assertArrayEquals(new int[] {200, 100, 50}, pixel(back, 0, 0));
    }

    @Test
    void valuesClampToTheByteRange() {
        RgbImage out = Photometric.apply(twoPixels(), 2, 1, 1, 0);
        assertArrayEquals(new int[] {255, 200, 100}, pixel(out, 0, 0));
    }
}
