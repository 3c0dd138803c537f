package dev.retinaj.data.augment;

/** A rectangle of canvas pixels, [x0, x1) × [y0, y1): where an image goes, or what it is clipped to. */
public record Window(int x0, int y0, int x1, int y1) {
    /** The {@code w × h} window with its top-left corner at (x, y). */
    public static Window at(int x, int y, int w, int h) {
        return new Window(x, y, x + w, y + h);
    }

    public int width() {
        return x1 - x0;
    }

    public int height() {
        return y1 - y0;
    }
}
