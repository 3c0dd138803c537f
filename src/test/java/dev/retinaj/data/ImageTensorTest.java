package dev.retinaj.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ImageTensorTest {
    /** mean 0, std 1/255: the output is the raw 0..255 value, so interpolation is visible as is. */
    private static final float[] ZERO = {0, 0, 0};
    private static final float[] RAW = {1 / 255f, 1 / 255f, 1 / 255f};

    private static RgbImage gray(int w, int h, int[] v) {
        byte[] rgb = new byte[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (byte) v[i];
        }
        return new RgbImage(w, h, rgb);
    }

    @Test
    void upsamplingMatchesTorchBilinearWithHalfPixelCentres() {
        float[] out = ImageTensor.of(gray(2, 2, new int[] {0, 10, 20, 30}), 4, 4, false, ZERO, RAW);
        float[] expected = {0, 2.5f, 7.5f, 10, 5, 7.5f, 12.5f, 15, 15, 17.5f, 22.5f, 25, 20, 22.5f, 27.5f, 30};
        assertArrayEquals(expected, java.util.Arrays.copyOf(out, 16), 1e-4f);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, 32, 48), 1e-4f);
    }

    @Test
    void downsamplingMatchesTorchInterpolate() {
        // torch.nn.functional.interpolate(x, scale_factor=0.6, mode="bilinear", recompute_scale_factor=True)
        int[] v = new int[35];
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                v[y * 7 + x] = (x * 37 + y * 11) % 256;
            }
        }
        float[] out = ImageTensor.of(gray(7, 5, v), 4, 3, false, ZERO, RAW);
        float[] torch = {17.5417f, 82.2917f, 147.0417f, 211.7917f, 35.875f, 100.625f, 165.375f, 230.125f,
            54.2083f, 118.9583f, 183.7083f, 141.7917f};
        assertArrayEquals(torch, java.util.Arrays.copyOf(out, 12), 1e-3f);
    }

    @Test
    void flipReversesColumnsAndNormalisationUsesMeanAndStd() {
        byte[] rgb = {(byte) 255, 0, 0, 0, (byte) 255, 0};
        float[] mean = {0.5f, 0.25f, 0f};
        float[] std = {0.5f, 0.25f, 1f};
        float[] out = ImageTensor.of(new RgbImage(2, 1, rgb), 2, 1, true, mean, std);
        // flipped: pixel 0 is the green one, pixel 1 the red one; R plane, G plane, B plane.
        assertArrayEquals(new float[] {-1, 1, 3, -1, 0, 0}, out, 1e-5f);
    }
}
