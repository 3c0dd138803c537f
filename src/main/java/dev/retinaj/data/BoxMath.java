package dev.retinaj.data;

/** The geometry of the transforms: resize size/scale and what resizing and flipping do to boxes. */
public final class BoxMath {
    private BoxMath() {}

    /**
     * torchvision's GeneralizedRCNNTransform scale: the shorter side to {@code minSize} unless that
     * makes the longer side exceed {@code maxSize}.
     */
    public static double scale(int width, int height, int minSize, int maxSize) {
        double shorter = Math.min(width, height);
        double longer = Math.max(width, height);
        return Math.min(minSize / shorter, maxSize / longer);
    }

    /** The resized length, as torch's interpolate computes it: floor(length × scale), at least 1. */
    public static int resized(int length, double scale) {
        return Math.max(1, (int) Math.floor(length * scale));
    }

    /** Scales boxes (x1, y1, x2, y2) by the per-axis ratios new/old (in place on a copy). */
    public static float[] resize(float[] boxes, int oldW, int oldH, int newW, int newH) {
        float rx = (float) newW / oldW;
        float ry = (float) newH / oldH;
        float[] out = new float[boxes.length];
        for (int i = 0; i < boxes.length; i += 4) {
            out[i] = boxes[i] * rx;
            out[i + 1] = boxes[i + 1] * ry;
            out[i + 2] = boxes[i + 2] * rx;
            out[i + 3] = boxes[i + 3] * ry;
        }
        return out;
    }

    /** Mirrors boxes left-right in an image of width {@code width}: x1' = W − x2, x2' = W − x1. */
    public static float[] flip(float[] boxes, int width) {
        float[] out = new float[boxes.length];
        for (int i = 0; i < boxes.length; i += 4) {
            out[i] = width - boxes[i + 2];
            out[i + 1] = boxes[i + 1];
            out[i + 2] = width - boxes[i];
            out[i + 3] = boxes[i + 3];
        }
        return out;
    }

    /** Rounds {@code length} up to a multiple of {@code div}. */
    public static int padded(int length, int div) {
        return (length + div - 1) / div * div;
    }
}
