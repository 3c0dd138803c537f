package dev.retinaj.data.augment;

import static dev.retinaj.data.augment.AugmentFixtures.annotated;
import static dev.retinaj.data.augment.AugmentFixtures.coordinates;
import static dev.retinaj.data.augment.AugmentFixtures.pixel;
import static dev.retinaj.data.augment.AugmentFixtures.solid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GeometricTest {
    private static final byte[] FILL = {(byte) 124, (byte) 116, (byte) 104};
    private static final int[] FILL_RGB = {124, 116, 104};

    private static Annotated threeBoxes() {
        return annotated(coordinates(20, 20), new float[] {2, 2, 8, 8, 12, 12, 18, 18, 5, 14, 9, 19}, 0, 1, 2);
    }

    @Test
    void cropClipsBoxesToTheWindowAndDropsThoseBelowTheVisibleFraction() {
        // Window [4, 14) x [4, 14): box 0 keeps 4x4 of 6x6 (0.44), box 1 2x2 of 6x6 (0.11), box 2 nothing.
        Annotated c = Geometric.crop(threeBoxes(), 4, 4, 10, 10, 0.4);
        assertEquals(10, c.width());
        assertEquals(10, c.height());
        assertArrayEquals(new float[] {0, 0, 4, 4}, c.boxes().xyxy());
        assertArrayEquals(new int[] {0}, c.boxes().labels());
        assertArrayEquals(new int[] {4, 4, 7}, pixel(c.image(), 0, 0));
        assertArrayEquals(new int[] {13, 11, 7}, pixel(c.image(), 9, 7));

        Annotated loose = Geometric.crop(threeBoxes(), 4, 4, 10, 10, 0.1);
        assertArrayEquals(new float[] {0, 0, 4, 4, 8, 8, 10, 10}, loose.boxes().xyxy());
        assertArrayEquals(new int[] {0, 1}, loose.boxes().labels());

        Annotated strict = Geometric.crop(threeBoxes(), 4, 4, 10, 10, 0.5);
        assertEquals(0, strict.boxes().size());
    }

    @Test
    void cropKeepsCrowdFlagsWithTheirBoxes() {
        Annotated a = new Annotated(coordinates(20, 20),
                new Boxes(new float[] {0, 0, 4, 4, 10, 10, 16, 16}, new int[] {3, 1}, new boolean[] {false, true}));
        Annotated c = Geometric.crop(a, 8, 8, 12, 12, 0.5);
        assertArrayEquals(new float[] {2, 2, 8, 8}, c.boxes().xyxy());
        assertArrayEquals(new int[] {1}, c.boxes().labels());
        assertArrayEquals(new boolean[] {true}, c.boxes().crowd());
    }

    @Test
    void expandOffsetsBoxesByThePlacementAndFillsWithTheMean() {
        Annotated a = annotated(coordinates(4, 3), new float[] {1, 1, 3, 2}, 5);
        Annotated e = Geometric.expand(a, 10, 8, 5, 2, FILL);
        assertEquals(10, e.width());
        assertEquals(8, e.height());
        assertArrayEquals(new float[] {6, 3, 8, 4}, e.boxes().xyxy());
        assertArrayEquals(new int[] {5}, e.boxes().labels());
        assertArrayEquals(new int[] {0, 0, 7}, pixel(e.image(), 5, 2));
        assertArrayEquals(new int[] {3, 2, 7}, pixel(e.image(), 8, 4));
        assertArrayEquals(FILL_RGB, pixel(e.image(), 0, 0));
        assertArrayEquals(FILL_RGB, pixel(e.image(), 9, 7));
        assertArrayEquals(FILL_RGB, pixel(e.image(), 4, 3));
    }

    @Test
    void rescaleUpCropsAndRescaleDownPads() {
        Annotated a = annotated(coordinates(10, 10), new float[] {2, 2, 6, 6}, 1);
        // x2: box (4, 4, 12, 12), shifted by (-4, -6) to (0, -2, 8, 6), clipped to (0, 0, 8, 6): 48 of 64 visible.
        Annotated up = Geometric.rescale(a, 20, 20, -4, -6, FILL, 0.7);
        assertEquals(10, up.width());
        assertArrayEquals(new float[] {0, 0, 8, 6}, up.boxes().xyxy());
        assertEquals(0, Geometric.rescale(a, 20, 20, -4, -6, FILL, 0.8).boxes().size());
        // x0.5: box (1, 1, 3, 3), at (3, 1): (4, 2, 6, 4); outside the 5x5 picture is the mean.
        Annotated down = Geometric.rescale(a, 5, 5, 3, 1, FILL, 0.7);
        assertArrayEquals(new float[] {4, 2, 6, 4}, down.boxes().xyxy());
        assertArrayEquals(FILL_RGB, pixel(down.image(), 2, 1));
        assertArrayEquals(FILL_RGB, pixel(down.image(), 8, 6));
        // Output pixel (3, 1) samples source (0.5, 0.5) bilinearly between x = 0, 1 and y = 0, 1.
        assertArrayEquals(new int[] {1, 1, 7}, pixel(down.image(), 3, 1));
    }

    private static Annotated[] quadrants() {
        Annotated[] parts = new Annotated[4];
        int[][] colours = {{200, 0, 0}, {0, 200, 0}, {0, 0, 200}, {90, 90, 90}};
        for (int q = 0; q < 4; q++) {
            parts[q] = annotated(solid(10, 10, colours[q][0], colours[q][1], colours[q][2]),
                    new float[] {1, 2, 5, 7}, q);
        }
        return parts;
    }

    @Test
    void mosaicPlacesFourImagesInFourQuadrantsAroundTheCentre() {
        Annotated m = Geometric.mosaic(quadrants(), 10, 10, 10, 10, FILL, 0.5);
        assertEquals(20, m.width());
        assertEquals(20, m.height());
        assertArrayEquals(new float[] {1, 2, 5, 7, 11, 2, 15, 7, 1, 12, 5, 17, 11, 12, 15, 17}, m.boxes().xyxy());
        assertArrayEquals(new int[] {0, 1, 2, 3}, m.boxes().labels());
        assertArrayEquals(new int[] {200, 0, 0}, pixel(m.image(), 3, 3));
        assertArrayEquals(new int[] {0, 200, 0}, pixel(m.image(), 13, 3));
        assertArrayEquals(new int[] {0, 0, 200}, pixel(m.image(), 3, 13));
        assertArrayEquals(new int[] {90, 90, 90}, pixel(m.image(), 13, 13));

        // Centre (12, 8): parts shift by (2, -2), (12, -2), (2, 8), (12, 8); the top two lose 2 rows.
        Annotated off = Geometric.mosaic(quadrants(), 10, 10, 12, 8, FILL, 0.5);
        assertArrayEquals(new float[] {3, 0, 7, 5, 13, 0, 17, 5, 3, 10, 7, 15, 13, 10, 17, 15}, off.boxes().xyxy());
        assertArrayEquals(FILL_RGB, pixel(off.image(), 0, 0)); // left of part 0
        assertArrayEquals(FILL_RGB, pixel(off.image(), 5, 19)); // below part 2 (rows 8..17)
        assertArrayEquals(new int[] {0, 200, 0}, pixel(off.image(), 12, 0));
    }

    @Test
    void mosaicScalesEachPartToFitItsQuadrant() {
        Annotated[] parts = quadrants();
        parts[3] = annotated(solid(20, 10, 90, 90, 90), new float[] {4, 2, 12, 8}, 3);
        Annotated m = Geometric.mosaic(parts, 10, 10, 10, 10, FILL, 0.5);
        // 20x10 scaled by 0.5 to 10x5, top-left at the centre: box (2, 1, 6, 4) + (10, 10).
        assertArrayEquals(new float[] {12, 11, 16, 14}, java.util.Arrays.copyOfRange(m.boxes().xyxy(), 12, 16));
        assertArrayEquals(FILL_RGB, pixel(m.image(), 13, 16));
    }
}
