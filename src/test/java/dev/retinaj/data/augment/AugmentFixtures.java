package dev.retinaj.data.augment;

import dev.retinaj.data.RgbImage;

/** Small hand-made images and boxes for the augmentation tests. */
final class AugmentFixtures {
    private AugmentFixtures() {}

    /** A w × h image whose pixel (x, y) is (x, y, 7): every pixel says where it came from. */
    static RgbImage coordinates(int w, int h) {
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rgb[3 * (y * w + x)] = (byte) x;
                rgb[3 * (y * w + x) + 1] = (byte) y;
                rgb[3 * (y * w + x) + 2] = 7;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    static RgbImage solid(int w, int h, int r, int g, int b) {
        byte[] rgb = new byte[3 * w * h];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return new RgbImage(w, h, rgb);
    }

    static Annotated annotated(RgbImage img, float[] boxes, int... labels) {
        return new Annotated(img, new Boxes(boxes, labels, new boolean[labels.length]));
    }

    static int[] pixel(RgbImage img, int x, int y) {
        return new int[] {img.get(x, y, 0), img.get(x, y, 1), img.get(x, y, 2)};
    }
}
