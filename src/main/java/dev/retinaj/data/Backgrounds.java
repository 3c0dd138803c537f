package dev.retinaj.data;

import java.awt.Color;
import java.util.SplittableRandom;

/**
 * Textured, mid-tone backgrounds for the shapes set (gradients, soft stripes, noise, blotches, always
 * with a little pixel noise): varied enough to need learning, never strong enough to hide a shape.
 */
final class Backgrounds {
    private Backgrounds() {}

    /** Fills {@code bgr} (3 bytes per pixel in B, G, R order, row-major, size×size) with a random background. */
    static void paint(byte[] bgr, int size, SplittableRandom rng) {
        float[] a = midTone(rng);
        float[] b = midTone(rng);
        Texture t = Texture.draw(size, rng);
        double[] dr = {255 * (b[0] - a[0]), 255 * (b[1] - a[1]), 255 * (b[2] - a[2])};
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double mix = t.mix(x, y);
                mix = mix < 0 ? 0 : mix > 1 ? 1 : mix;
                long bits = rng.nextLong();
                double n = t.sigma() * ((bits & 0xFF) + ((bits >>> 8) & 0xFF) + ((bits >>> 16) & 0xFF)
                        + ((bits >>> 24) & 0xFF) - 510) / 147.8;
                int r = clamp(255 * a[0] + dr[0] * mix + n);
                int g = clamp(255 * a[1] + dr[1] * mix + n);
                int bl = clamp(255 * a[2] + dr[2] * mix + n);
                int o = 3 * (y * size + x);
                bgr[o] = (byte) bl;
                bgr[o + 1] = (byte) g;
                bgr[o + 2] = (byte) r;
            }
        }
    }

    /**
     * One texture: 0 gradient, 1 soft stripes, 2 plain (noise only, stronger), 3 blotches. Every
     * texture is a sum of terms separable in x and y, precomputed per column and row.
     */
    private record Texture(int kind, double sigma, double[] colA, double[] rowA, double[][] sx, double[][] cx,
                           double[][] sy, double[][] cy) {
        static Texture draw(int size, SplittableRandom rng) {
            int kind = rng.nextInt(4);
            double angle = rng.nextDouble(Math.PI);
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            double period = 10 + rng.nextDouble(30);
            double sigma = kind == 2 ? 10 + rng.nextDouble(8) : 3 + rng.nextDouble(4);
            double[] colA = new double[size];
            double[] rowA = new double[size];
            double[][] sx = new double[3][size];
            double[][] cx = new double[3][size];
            double[][] sy = new double[3][size];
            double[][] cy = new double[3][size];
            double f = 2 * Math.PI / period;
            for (int i = 0; i < size; i++) {
                colA[i] = (i - size / 2.0) * cos / size;
                rowA[i] = (i - size / 2.0) * sin / size;
            }
            int terms = kind == 1 ? 1 : 3;
            for (int t = 0; t < terms; t++) {
                double fx = kind == 1 ? f * cos : (rng.nextDouble() - 0.5) * 0.08;
                double fy = kind == 1 ? f * sin : (rng.nextDouble() - 0.5) * 0.08;
                double ph = rng.nextDouble(2 * Math.PI);
                for (int i = 0; i < size; i++) {
                    sx[t][i] = Math.sin(fx * i);
                    cx[t][i] = Math.cos(fx * i);
                    sy[t][i] = Math.sin(fy * i + ph);
                    cy[t][i] = Math.cos(fy * i + ph);
                }
            }
            return new Texture(kind, sigma, colA, rowA, sx, cx, sy, cy);
        }

        double mix(int x, int y) {
            switch (kind) {
                case 0:
                    return colA[x] + rowA[y] + 0.5;
                case 1:
                    return 0.5 + 0.5 * (sx[0][x] * cy[0][y] + cx[0][x] * sy[0][y]);
                case 2:
                    return 0.3;
                default:
                    double s = 0;
                    for (int t = 0; t < 3; t++) {
                        s += sx[t][x] * cy[t][y] + cx[t][x] * sy[t][y];
                    }
                    return 0.5 + s / 6;
            }
        }
    }

    /** A muted colour of middle brightness (0.35..0.65), RGB in 0..1. */
    private static float[] midTone(SplittableRandom rng) {
        int rgb = Color.HSBtoRGB((float) rng.nextDouble(), (float) (0.1 + 0.4 * rng.nextDouble()),
                (float) (0.35 + 0.3 * rng.nextDouble()));
        return new float[] {((rgb >> 16) & 255) / 255f, ((rgb >> 8) & 255) / 255f, (rgb & 255) / 255f};
    }

    private static int clamp(double v) {
        return v < 0 ? 0 : v > 255 ? 255 : (int) v;
    }
}
