package dev.retinaj.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpreadTest {
    @Test
    void medianAndRangeOfOddAndEvenCounts() {
        Spread odd = Spread.of(new double[] {3, 1, 2});
        assertEquals(new Spread(2, 1, 3, 3), odd);
        assertEquals(new Spread(2.5, 1, 4, 4), Spread.of(new double[] {4, 1, 3, 2}));
        assertEquals("2.000 s (1.000-3.000, 3 runs)", odd.seconds());
        assertTrue(Double.isNaN(Spread.of(new double[0]).median()));
    }
}
