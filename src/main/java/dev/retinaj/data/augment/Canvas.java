package dev.retinaj.data.augment;

import dev.retinaj.data.ImageTensor;
import dev.retinaj.data.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A fill-coloured RGB canvas that images are pasted on, each scaled (bilinear, half-pixel centres as
 * the resize of {@link ImageTensor}), shifted and clipped to a rectangle, boxes following the pixels.
 * Every geometric augmentation is one or more pastes.
 */
final class Canvas {
    private final int width;
    private final int height;
    private final byte[] rgb;
    private final List<Boxes> boxes = new ArrayList<>();

    Canvas(int width, int height, byte[] fill) {
        this.width = width;
        this.height = height;
        this.rgb = new byte[3 * width * height];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = fill[0];
            rgb[i + 1] = fill[1];
            rgb[i + 2] = fill[2];
        }
    }

    /**
     * Pastes {@code a} scaled to fill {@code to}, only inside {@code clip} (clamped to the canvas); its
     * boxes are clipped to the same rectangle and dropped below {@code minVisible}.
     */
    void paste(Annotated a, Window to, Window clip, double minVisible) {
        int sw = to.width();
        int sh = to.height();
        int dx = to.x0();
        int dy = to.y0();
        int x0 = Math.max(0, Math.max(clip.x0(), dx));
        int y0 = Math.max(0, Math.max(clip.y0(), dy));
        int x1 = Math.min(width, Math.min(clip.x1(), dx + sw));
        int y1 = Math.min(height, Math.min(clip.y1(), dy + sh));
        RgbImage src = a.image();
        double sx = (double) sw / src.width();
        double sy = (double) sh / src.height();
        boxes.add(a.boxes().placed(sx, sy, dx, dy, new Window(x0, y0, x1, y1), minVisible));
        if (x1 <= x0 || y1 <= y0) {
            return;
        }
        if (sw == src.width() && sh == src.height()) {
            copy(src, dx, dy, x0, y0, x1, y1);
            return;
        }
        int[] c0 = new int[sw];
        int[] c1 = new int[sw];
        float[] cw = new float[sw];
        ImageTensor.axis(src.width(), sw, c0, c1, cw);
        int[] r0 = new int[sh];
        int[] r1 = new int[sh];
        float[] rw = new float[sh];
        ImageTensor.axis(src.height(), sh, r0, r1, rw);
        byte[] in = src.rgb();
        int inW = src.width();
        for (int y = y0; y < y1; y++) {
            int v = y - dy;
            int top = 3 * r0[v] * inW;
            int bot = 3 * r1[v] * inW;
            float wy = rw[v];
            for (int x = x0; x < x1; x++) {
                int u = x - dx;
                int a0 = top + 3 * c0[u];
                int b0 = top + 3 * c1[u];
                int a1 = bot + 3 * c0[u];
                int b1 = bot + 3 * c1[u];
                float wx = cw[u];
                int d = 3 * (y * width + x);
                for (int ch = 0; ch < 3; ch++) {
                    float t = (in[a0 + ch] & 0xFF) + wx * ((in[b0 + ch] & 0xFF) - (in[a0 + ch] & 0xFF));
                    float b = (in[a1 + ch] & 0xFF) + wx * ((in[b1 + ch] & 0xFF) - (in[a1 + ch] & 0xFF));
                    rgb[d + ch] = (byte) Math.round(t + wy * (b - t));
                }
            }
        }
    }

    /** The unscaled paste: bilinear weights are all 0 there, so the pixels are the source's bytes. */
    private void copy(RgbImage src, int dx, int dy, int x0, int y0, int x1, int y1) {
        byte[] in = src.rgb();
        for (int y = y0; y < y1; y++) {
            System.arraycopy(in, 3 * ((y - dy) * src.width() + x0 - dx), rgb, 3 * (y * width + x0), 3 * (x1 - x0));
        }
    }

    Annotated result() {
        return new Annotated(new RgbImage(width, height, rgb), Boxes.concat(boxes));
    }
}
