package dev.retinaj.data.augment;

import static dev.retinaj.data.augment.AugmentFixtures.annotated;
import static dev.retinaj.data.augment.AugmentFixtures.coordinates;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retinaj.config.AugmentConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AugmenterTest {
    private static final byte[] FILL = Augmenter.fillOf(new float[] {0.485f, 0.456f, 0.406f});

    static AugmentConfig config(double mosaic, double expand, double scale, double crop, double colour,
                                double strength) {
        return new AugmentConfig(new AugmentConfig.ScaleJitter(scale, 0.3, 2.0, 0.5),
                new AugmentConfig.Crop(crop, 0.4, 0.5),
                new AugmentConfig.Photometric(colour, 0.4 * strength, 0.4 * strength, 0.4 * strength, 0.1 * strength),
                new AugmentConfig.Expand(expand, 2.5), new AugmentConfig.Mosaic(mosaic, 0.3));
    }

    private static Annotated sample(int i) {
        return annotated(coordinates(40 + i, 32), new float[] {3, 4, 20, 18, 22, 10, 38, 30}, 0, 1);
    }

    private static final Partners POOL = new Partners() {
        @Override
        public int size() {
            return 5;
        }

        @Override
        public Annotated load(int index) {
            return sample(index);
        }
    };

    @Test
    void theFillIsTheMeanInBytes() {
        assertArrayEquals(new byte[] {(byte) 124, (byte) 116, (byte) 104}, FILL);
    }

    @Test
    void sameDrawSeedSamePixelsAndBoxes() {
        Augmenter aug = new Augmenter(config(0.5, 0.5, 0.5, 0.5, 0.5, 1), FILL);
        int differ = 0;
        for (long seed = 0; seed < 20; seed++) {
            Annotated a = aug.apply(sample(0), seed, POOL);
            Annotated b = aug.apply(sample(0), seed, POOL);
            assertArrayEquals(a.image().rgb(), b.image().rgb());
            assertArrayEquals(a.boxes().xyxy(), b.boxes().xyxy());
            assertArrayEquals(a.boxes().labels(), b.boxes().labels());
            Annotated c = aug.apply(sample(0), seed + 1000, POOL);
            differ += Arrays.equals(a.image().rgb(), c.image().rgb()) ? 0 : 1;
        }
        assertTrue(differ >= 15, "other seeds give other samples: " + differ);
    }

    @Test
    void everythingOffOrZeroStrengthIsTheIdentity() {
        Annotated s = sample(0);
        assertSame(s, new Augmenter(config(0, 0, 0, 0, 0, 1), FILL).apply(s, 3, POOL));
        Annotated p = new Augmenter(config(0, 0, 0, 0, 1, 0), FILL).apply(s, 3, POOL);
        assertArrayEquals(s.image().rgb(), p.image().rgb());
    }

    @Test
    void photometricLeavesBoxesUnchanged() {
        Annotated s = sample(0);
        Annotated p = new Augmenter(config(0, 0, 0, 0, 1, 1), FILL).apply(s, 3, POOL);
        assertSame(s.boxes(), p.boxes());
        assertFalse(Arrays.equals(s.image().rgb(), p.image().rgb()));
    }

    @Test
    void switchingOneTransformOnLeavesTheOthersDrawsAlone() {
        Augmenter cropOnly = new Augmenter(config(0, 0, 0, 1, 0, 1), FILL);
        Augmenter cropAndColour = new Augmenter(config(0, 0, 0, 1, 1, 0), FILL); // colour at zero strength
        for (long seed = 0; seed < 5; seed++) {
            Annotated a = cropOnly.apply(sample(1), seed, POOL);
            Annotated b = cropAndColour.apply(sample(1), seed, POOL);
            assertArrayEquals(a.boxes().xyxy(), b.boxes().xyxy());
            assertArrayEquals(a.image().rgb(), b.image().rgb());
        }
    }

    @Test
    void boxesStayInsideTheImageAndKeepTheirLabelsUnderEveryTransform() {
        Augmenter aug = new Augmenter(config(0.5, 0.5, 1, 0.5, 0.5, 1), FILL);
        int mosaics = 0;
        for (long seed = 0; seed < 60; seed++) {
            Annotated a = aug.apply(sample(2), seed, POOL);
            float[] b = a.boxes().xyxy();
            for (int i = 0; i < b.length; i += 4) {
                assertTrue(b[i] >= 0 && b[i + 1] >= 0 && b[i + 2] <= a.width() && b[i + 3] <= a.height());
                assertTrue(b[i + 2] > b[i] && b[i + 3] > b[i + 1]);
            }
            for (int l : a.boxes().labels()) {
                assertTrue(l == 0 || l == 1);
            }
            mosaics += a.boxes().size() > 2 ? 1 : 0;
        }
        assertTrue(mosaics > 5, "mosaic brings in the boxes of other images: " + mosaics);
    }

    @Test
    void mosaicDoublesTheCanvas() {
        Augmenter aug = new Augmenter(config(1, 0, 0, 0, 0, 1), FILL);
        Annotated m = aug.apply(sample(0), 11, POOL);
        assertEquals(80, m.width());
        assertEquals(64, m.height());
        assertNotEquals(0, m.boxes().size());
    }
}
