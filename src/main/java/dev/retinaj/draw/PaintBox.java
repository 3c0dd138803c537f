package dev.retinaj.draw;

/**
 * One box to draw, in image pixels (x0, y0) top-left to (x1, y1) bottom-right; {@code score} is NaN
 * for ground truth (the label then shows the name alone).
 */
public record PaintBox(float x0, float y0, float x1, float y1, int classId, String name, float score) {
    public static PaintBox truth(float x0, float y0, float x1, float y1, int classId, String name) {
        return new PaintBox(x0, y0, x1, y1, classId, name, Float.NaN);
    }

    /** "name 0.93", or the name alone for ground truth. */
    public String label() {
        return Float.isNaN(score) ? name : String.format(java.util.Locale.ROOT, "%s %.2f", name, score);
    }

    public float width() {
        return x1 - x0;
    }

    public float height() {
        return y1 - y0;
    }
}
