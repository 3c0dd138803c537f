package dev.retinaj.draw;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy label placement: each label goes to the first candidate position that lies inside the
 * image and overlaps no label placed before it. Candidates, aligned with the box's left edge: just
 * above the box, just below it, inside its top edge (only boxes tall enough to carry the label without
 * hiding themselves), then stacked further above and below; then the same rows slid left and right. A label that fits nowhere is left out
 * rather than drawn over another.
 */
public final class LabelPlacer {
    private final int imageWidth;
    private final int imageHeight;
    private final List<Rectangle> placed = new ArrayList<>();

    public LabelPlacer(int imageWidth, int imageHeight) {
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
    }

    /** Where a {@code w} x {@code h} label of {@code box} goes, or null if nowhere free. */
    public Rectangle place(Rectangle box, int w, int h) {
        if (w > imageWidth || h > imageHeight) {
            return null;
        }
        for (Rectangle c : candidates(box, w, h)) {
            if (inside(c) && free(c)) {
                placed.add(c);
                return c;
            }
        }
        return null;
    }

    public List<Rectangle> placed() {
        return List.copyOf(placed);
    }

    private List<Rectangle> candidates(Rectangle box, int w, int h) {
        List<Integer> ys = new ArrayList<>();
        ys.add(box.y - h);
        ys.add(box.y + box.height);
        if (box.height >= 3 * h && box.width >= w) {
            ys.add(box.y);
        }
        for (int k = 1; k * h < imageHeight; k++) {
            ys.add(box.y - h - k * h);
            ys.add(box.y + box.height + k * h);
        }
        List<Integer> xs = new ArrayList<>();
        int x = clamp(box.x, imageWidth - w);
        xs.add(x);
        for (int dx = w / 2; dx <= Math.max(box.width, w); dx += w / 2 + 1) {
            xs.add(clamp(box.x - dx, imageWidth - w));
            xs.add(clamp(box.x + dx, imageWidth - w));
        }
        List<Rectangle> out = new ArrayList<>();
        for (int y : ys) {
            out.add(new Rectangle(x, y, w, h));
        }
        for (int y : ys) {
            for (int cx : xs.subList(1, xs.size())) {
                out.add(new Rectangle(cx, y, w, h));
            }
        }
        return out;
    }

    private boolean inside(Rectangle r) {
        return r.x >= 0 && r.y >= 0 && r.x + r.width <= imageWidth && r.y + r.height <= imageHeight;
    }

    private boolean free(Rectangle r) {
        for (Rectangle p : placed) {
            if (p.intersects(r)) {
                return false;
            }
        }
        return true;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, Math.max(0, max)));
    }
}
