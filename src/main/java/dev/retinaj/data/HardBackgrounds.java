package dev.retinaj.data;

import java.util.SplittableRandom;

/**
 * What the hard shapes style lays over {@link Backgrounds}: strong stripes, a brightness ramp and
 * heavier pixel noise, each drawn per image, so objects no longer stand out by contrast alone.
 */
final class HardBackgrounds {
    private HardBackgrounds() {}

    /** Adds the texture to {@code bgr} (3 bytes per pixel, size × size) in place. */
    static void overlay(byte[] bgr, int size, SplittableRandom rng) {
        boolean stripes = rng.nextDouble() < 0.5;
        double amp = stripes ? 20 + rng.nextDouble(35) : 0;
        double angle = rng.nextDouble(Math.PI);
        double freq = 2 * Math.PI / (5 + rng.nextDouble(20));
        boolean ramp = rng.nextDouble() < 0.5;
        double slope = ramp ? (rng.nextDouble() - 0.5) * 120 / size : 0;
        double sigma = 5 + rng.nextDouble(12);
        double[] col = new double[size];
        double[] row = new double[size];
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int i = 0; i < size; i++) {
            col[i] = freq * i * cos;
            row[i] = freq * i * sin;
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double v = amp * Math.sin(col[x] + row[y]) + slope * (x - size / 2.0) + sigma * rng.nextGaussian();
                int o = 3 * (y * size + x);
                for (int c = 0; c < 3; c++) {
                    double p = (bgr[o + c] & 0xFF) + v;
                    bgr[o + c] = (byte) (p < 0 ? 0 : p > 255 ? 255 : (int) p);
                }
            }
        }
    }
}
