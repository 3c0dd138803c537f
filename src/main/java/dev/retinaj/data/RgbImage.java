package dev.retinaj.data;

/** A decoded image as interleaved 8-bit RGB, row-major ({@code rgb[3 * (y * width + x) + c]}). */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        if (rgb.length != 3 * width * height) {
            throw new IllegalArgumentException("rgb holds " + rgb.length + " bytes, not 3x" + width + "x" + height);
        }
    }

    public int get(int x, int y, int c) {
        return rgb[3 * (y * width + x) + c] & 0xFF;
    }

    /** Applies an EXIF orientation (1..8) so the result is upright as a viewer would show it. */
    public RgbImage oriented(int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return this;
        }
        boolean swap = ExifOrientation.swapsAxes(orientation);
        int ow = swap ? height : width;
        int oh = swap ? width : height;
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = width - 1 - x; sy = y; }
                    case 3 -> { sx = width - 1 - x; sy = height - 1 - y; }
                    case 4 -> { sx = x; sy = height - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = height - 1 - x; }
                    case 7 -> { sx = width - 1 - y; sy = height - 1 - x; }
                    default -> { sx = width - 1 - y; sy = x; } // 8
                }
                int s = 3 * (sy * width + sx);
                int d = 3 * (y * ow + x);
                out[d] = rgb[s];
                out[d + 1] = rgb[s + 1];
                out[d + 2] = rgb[s + 2];
            }
        }
        return new RgbImage(ow, oh, out);
    }
}
