package dev.retinaj.draw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class ClassPaletteTest {
    /** sRGB (D65) to CIELAB. */
    static double[] lab(Color c) {
        double[] rgb = {lin(c.getRed()), lin(c.getGreen()), lin(c.getBlue())};
        double x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047;
        double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
        double z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883;
        return new double[] {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
    }

    private static double lin(int v) {
        double c = v / 255.0;
        return c > 0.04045 ? Math.pow((c + 0.055) / 1.055, 2.4) : c / 12.92;
    }

    private static double f(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
    }

    static double deltaE(Color a, Color b) {
        double[] p = lab(a);
        double[] q = lab(b);
        return Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2));
    }

    @Test
    void labMatchesTheReferenceValues() {
        // pure sRGB red is L*a*b* (53.24, 80.09, 67.20); white and black are 100 apart
        assertArrayEquals(new double[] {53.24, 80.09, 67.20}, lab(Color.RED), 0.05);
        assertEquals(100, deltaE(Color.WHITE, Color.BLACK), 0.01);
        // the near-twin greens of the earlier palette (classes 2 and 13)
        assertEquals(9.0, deltaE(new Color(0x3cb44b), new Color(0x2ca02c)), 0.1);
    }

    @Test
    void everyTwoClassesAreDistinguishableAndNoneIsPale() {
        double closest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < ClassPalette.size(); i++) {
            Color a = ClassPalette.color(i);
            assertTrue(lab(a)[0] <= 75, "class " + i + " is too light for boxes on light pictures: L* " + lab(a)[0]);
            for (int j = i + 1; j < ClassPalette.size(); j++) {
                closest = Math.min(closest, deltaE(a, ClassPalette.color(j)));
            }
        }
        assertTrue(closest >= 25, "two classes are only " + closest + " apart (CIELAB dE76)");
        assertEquals(20, ClassPalette.size());
    }

    @Test
    void theFirstClassesKeepTheirColours() {
        // the 4 shapes classes look as in the README's pictures
        assertEquals(new Color(0x1f77b4), ClassPalette.color(0));
        assertEquals(new Color(0xe6194b), ClassPalette.color(1));
        assertEquals(new Color(0x3cb44b), ClassPalette.color(2));
        assertEquals(new Color(0xf58231), ClassPalette.color(3));
    }
}
