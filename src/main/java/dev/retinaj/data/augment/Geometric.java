package dev.retinaj.data.augment;

/**
 * The box-aware geometric transforms with their parameters given: the random choices are made by
 * {@link Augmenter}, so each of these is a pure function that tests can pin down.
 */
public final class Geometric {
    private Geometric() {}

    /** Zoom out: {@code a} unscaled at (dx, dy) on a {@code cw × ch} canvas of {@code fill}. */
    public static Annotated expand(Annotated a, int cw, int ch, int dx, int dy, byte[] fill) {
        Canvas c = new Canvas(cw, ch, fill);
        c.paste(a, Window.at(dx, dy, a.width(), a.height()), new Window(0, 0, cw, ch), 0);
        return c.result();
    }

    /** The window [x0, x0 + w) × [y0, y0 + h) of {@code a}; boxes clipped to it, dropped below {@code minVisible}. */
    public static Annotated crop(Annotated a, int x0, int y0, int w, int h, double minVisible) {
        Canvas c = new Canvas(w, h, new byte[3]);
        c.paste(a, Window.at(-x0, -y0, a.width(), a.height()), new Window(0, 0, w, h), minVisible);
        return c.result();
    }

    /**
     * Large-scale jitter: {@code a} scaled to {@code sw × sh} and placed at (dx, dy) on a canvas of
     * its own size (dx, dy ≤ 0 crop a larger image; ≥ 0 pad a smaller one with {@code fill}).
     */
    public static Annotated rescale(Annotated a, int sw, int sh, int dx, int dy, byte[] fill, double minVisible) {
        Canvas c = new Canvas(a.width(), a.height(), fill);
        c.paste(a, Window.at(dx, dy, sw, sh), new Window(0, 0, a.width(), a.height()), minVisible);
        return c.result();
    }

    /**
     * Mosaic on a {@code 2w × 2h} canvas around centre (cx, cy): part 0 has its bottom-right corner
     * at the centre (top-left quadrant), part 1 its bottom-left (top-right), part 2 its top-right
     * (bottom-left), part 3 its top-left (bottom-right). Each part is scaled to fit {@code w × h},
     * clipped to its quadrant; boxes below {@code minVisible} are dropped.
     */
    public static Annotated mosaic(Annotated[] parts, int w, int h, int cx, int cy, byte[] fill, double minVisible) {
        if (parts.length != 4) {
            throw new IllegalArgumentException("mosaic takes 4 images, got " + parts.length);
        }
        Canvas c = new Canvas(2 * w, 2 * h, fill);
        for (int q = 0; q < 4; q++) {
            Annotated p = parts[q];
            double s = Math.min((double) w / p.width(), (double) h / p.height());
            int sw = Math.max(1, (int) Math.round(p.width() * s));
            int sh = Math.max(1, (int) Math.round(p.height() * s));
            boolean right = q == 1 || q == 3;
            boolean bottom = q >= 2;
            int dx = right ? cx : cx - sw;
            int dy = bottom ? cy : cy - sh;
            Window quadrant = new Window(right ? cx : 0, bottom ? cy : 0, right ? 2 * w : cx, bottom ? 2 * h : cy);
            c.paste(p, Window.at(dx, dy, sw, sh), quadrant, minVisible);
        }
        return c.result();
    }
}
