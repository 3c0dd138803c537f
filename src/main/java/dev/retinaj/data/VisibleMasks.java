package dev.retinaj.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Arrays;

/**
 * Which object owns each pixel as objects are painted one over another (later ones occlude earlier
 * ones): each object's box is the tight box of the pixels it still shows, with its visible and full
 * pixel counts.
 */
final class VisibleMasks {
    private final int size;
    private final int[] owner;
    private final BufferedImage mask;
    private final byte[] maskPixels;
    private int[] full = new int[8];
    private int count;

    VisibleMasks(int size) {
        this.size = size;
        this.owner = new int[size * size];
        Arrays.fill(owner, -1);
        this.mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        this.maskPixels = ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
    }

    /** Records the next object: {@code shape} filled, and outlined with {@code stroke} px when > 0. */
    void add(Shape shape, float stroke) {
        Rectangle r = shape.getBounds();
        int grow = (int) Math.ceil(stroke);
        r = new Rectangle(r.x - grow, r.y - grow, r.width + 2 * grow, r.height + 2 * grow)
                .intersection(new Rectangle(0, 0, size, size));
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(r.x, r.y, r.width, r.height);
        g.setColor(Color.WHITE);
        g.fill(shape);
        if (stroke > 0) {
            g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(shape);
        }
        g.dispose();
        if (count == full.length) {
            full = Arrays.copyOf(full, 2 * count);
        }
        int id = count++;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                if (maskPixels[y * size + x] != 0) {
                    owner[y * size + x] = id;
                    full[id]++;
                }
            }
        }
    }

    int count() {
        return count;
    }

    /** Pixels object {@code id} covered when it was painted. */
    int fullPixels(int id) {
        return full[id];
    }

    /** Per object: {x1, y1, x2, y2, visible pixels} (x2, y2 exclusive); all zero when fully hidden. */
    int[][] visible() {
        int[][] out = new int[count][];
        for (int i = 0; i < count; i++) {
            out[i] = new int[] {size, size, 0, 0, 0};
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int id = owner[y * size + x];
                if (id >= 0) {
                    int[] b = out[id];
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.min(b[1], y);
                    b[2] = Math.max(b[2], x + 1);
                    b[3] = Math.max(b[3], y + 1);
                    b[4]++;
                }
            }
        }
        for (int[] b : out) {
            if (b[4] == 0) {
                Arrays.fill(b, 0);
            }
        }
        return out;
    }
}
